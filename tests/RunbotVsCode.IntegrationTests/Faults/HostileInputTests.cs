using Microsoft.Extensions.Logging;
using Npgsql;
using RunbotVsCode.Generation;
using RunbotVsCode.Infrastructure;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Faults.Tests;

/// <summary>
/// The hostile corpora kept beside this file, against the real service, PostgreSQL and nginx: database rows that must
/// each be left out with a reason, and Cookie headers that auth_check must reject without a server error.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HostileInputTests
{
    private FaultHarness _harness = null!;
    private RunbotDatabase _database = null!;

    private static string CorpusPath(string name) =>
        Path.Combine(TestServices.RepositoryRoot, "tests", "RunbotVsCode.IntegrationTests", "Faults", name);

    [SetUp]
    public async Task SetUp()
    {
        _harness = await FaultHarness.CreateAsync();
        _database = await RunbotDatabase.CreateAsync();
        await _database.ExecuteAsync(await File.ReadAllTextAsync(CorpusPath("hostile-rows.sql")));
        await _harness.StartServiceAsync(_database.ConnectionString, withWorker: false, authByService: true);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Pass_HostileRows_SkippedWithReason()
    {
        var expected = await ReadExpectationsAsync();
        var result = _harness.Service.Pass.LastResult!;
        var skipped = result.Routes!.Skipped.ToDictionary(build => build.BuildId);
        var routed = result.Routes.Routes.Select(route => route.BuildId).ToHashSet();
        var config = await File.ReadAllTextAsync(_harness.Nginx.ConfigPath);
        var logged = _harness.Service.Logs.WithEvent(EventIds.BuildSkipped).Select(entry => (long)entry.State["BuildId"]!).ToHashSet();
        var (testExit, testOutput) = await FaultHarness.RunAsync(TestServices.NginxBinary, "-t", "-p", _harness.Nginx.Prefix, "-c", _harness.Nginx.MainConfigPath);

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.Applied), result.Message);
        Assert.That(testExit, Is.Zero, testOutput);
        Assert.That(routed, Is.EquivalentTo(new long[] { 102, 105, 106, 236 }));
        foreach (var (buildId, (reason, dest)) in expected)
        {
            switch (reason)
            {
                case "Routed":
                    Assert.That(routed, Does.Contain(buildId));
                    break;
                case "NotRead":
                    Assert.That(skipped.ContainsKey(buildId) || routed.Contains(buildId), Is.False, $"build {buildId} is on another host");
                    Assert.That(config, Does.Not.Contain($"# build {buildId} "));
                    break;
                default:
                    Assert.That(skipped.TryGetValue(buildId, out var build), Is.True, $"build {buildId} is not skipped");
                    Assert.That(build!.Reason.ToString(), Is.EqualTo(reason), $"build {buildId}: {build.Detail}");
                    Assert.That(build.Detail, Is.Not.Empty);
                    Assert.That(logged, Does.Contain(buildId), $"build {buildId} is not logged as skipped");
                    Assert.That(config, Does.Not.Contain($"# build {buildId} "));
                    if (!string.IsNullOrEmpty(dest))
                    {
                        Assert.That(config, Does.Not.Contain(dest), $"build {buildId}'s dest reached the config");
                    }

                    break;
            }
        }

        TestContext.Out.WriteLine($"{expected.Count} hostile rows: {skipped.Count(pair => expected.ContainsKey(pair.Key))} skipped, {expected.Count(pair => pair.Value.Reason == "NotRead")} not read, {expected.Count(pair => pair.Value.Reason == "Routed")} routed.");
    }

    [Test]
    public async Task AuthCheck_HostileCookies_Rejected()
    {
        var corpus = HostileCookieCorpus.Load(CorpusPath("hostile-cookies.txt"));
        var statuses = new Dictionary<int, int>();

        foreach (var (line, header) in corpus)
        {
            var status = await RawHttp.GetWithCookieBytesAsync(_harness.Service.Port, "127.0.0.1", "/auth_check?build=102", header);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;

            // 400 and 431 come from Kestrel, which rejects control characters and oversized headers before the service runs.
            Assert.That(status, Is.AnyOf(401, 403, 400, 431), $"line {line}");
        }

        // Baseline: a token the service issued for an internal user passes the same path.
        var valid = await RawHttp.GetWithCookieBytesAsync(_harness.Service.Port, "127.0.0.1", "/auth_check?build=102", await ValidCookieAsync());
        TestContext.Out.WriteLine($"{corpus.Count} Cookie headers to auth_check: {Describe(statuses)}; baseline valid token: {valid}.");
        Assert.That(valid, Is.EqualTo(204));
        Assert.That(_harness.Service.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error), Is.Empty);
        Assert.That(statuses.Keys, Does.Contain(401), "some headers reach the verifier");
    }

    [Test]
    public async Task Nginx_HostileCookies_NeverReachEditor()
    {
        var corpus = HostileCookieCorpus.Load(CorpusPath("hostile-cookies.txt"));
        var statuses = new Dictionary<int, int>();
        var requestsBefore = _harness.EditorRequestCount;

        foreach (var (line, header) in corpus)
        {
            var status = await RawHttp.GetWithCookieBytesAsync(_harness.Nginx.Port, FaultHarness.Editor102, "/", header);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;

            // 302 sends the browser to the open route; 400 is nginx rejecting the header itself.
            Assert.That(status, Is.AnyOf(302, 400), $"line {line}");
        }

        var rejectedRequests = _harness.EditorRequestCount;
        var valid = await RawHttp.GetWithCookieBytesAsync(_harness.Nginx.Port, FaultHarness.Editor102, "/", await ValidCookieAsync());
        TestContext.Out.WriteLine($"{corpus.Count} Cookie headers through nginx: {Describe(statuses)}; baseline valid token: {valid}.");
        Assert.That(rejectedRequests, Is.EqualTo(requestsBefore), "a request reached an editor");
        Assert.That(valid, Is.EqualTo(200));
        Assert.That(_harness.Service.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error), Is.Empty);
    }

    private async Task<byte[]> ValidCookieAsync()
    {
        var codecs = await _harness.Service.Get<Auth.KeyRingSource>().GetAsync();
        var token = codecs.Tokens.Issue(102, 2, TimeSpan.FromMinutes(5));
        return System.Text.Encoding.ASCII.GetBytes($"runbot_vscode={token}");
    }

    private static string Describe(Dictionary<int, int> statuses) =>
        string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Value} x {pair.Key}"));

    private async Task<Dictionary<long, (string Reason, string? Dest)>> ReadExpectationsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT e.build_id, e.reason, b.dest FROM hostile_expectation e JOIN runbot_build b ON b.id = e.build_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var expected = new Dictionary<long, (string, string?)>();
        while (await reader.ReadAsync())
        {
            expected[reader.GetInt32(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return expected;
    }
}
