using RunbotVsCode.Rendering;
using RunbotVsCode.Runbot;
using RunbotVsCode.TestSupport;

namespace RunbotVsCode.Routing.Tests;

public class RouteBuilderTests
{
    private const string Host = "runbot.example.com";
    private const string BuildRoot = "/srv/runbot/static/build";

    // "/.vscode-server/code-server.sock" is what the default ContainerSocketPath adds after the build folder.
    private const int SocketSuffixLength = 32;

    private static readonly RouteSettings Settings = new("vscode", "https", "https://runbot.example.com");
    private static readonly IReadOnlyDictionary<long, ContainerFacts> NoFacts = new Dictionary<long, ContainerFacts>();

    private static RunningBuild Running(long id, string? dest = null, string? host = Host, int? port = 2000, bool hasLayer = true) =>
        new(id, dest ?? $"{id:00000}-17-0", host, port, "run", "17.0", 7, "DockerDefault", "odoo:DockerDefault", hasLayer, null);

    private static RouteBuilder Builder(UpstreamMode mode = UpstreamMode.Socket, string buildRoot = BuildRoot) =>
        new(new UpstreamOptions { Mode = mode, BuildRoot = buildRoot });

    private static RouteTable BuildOne(RunningBuild build, UpstreamMode mode = UpstreamMode.Socket, ContainerFacts? facts = null)
    {
        var containers = facts is null ? NoFacts : new Dictionary<long, ContainerFacts> { [build.Id] = facts };
        return Builder(mode).Build([build], Settings, containers);
    }

    private static SkipReason? ReasonOf(RouteTable table, long buildId) =>
        table.Skipped.SingleOrDefault(skipped => skipped.BuildId == buildId)?.Reason;

    [Test]
    public void Build_NormalBuild_RoutesIt()
    {
        var table = BuildOne(Running(101));

        Assert.That(table.Routes.Select(route => route.BuildId), Is.EqualTo(new long[] { 101 }));
        Assert.That(table.Skipped, Is.Empty);
    }

    [Test]
    public void Build_NormalBuild_ServerNameIsDestSuffixHost()
    {
        var route = BuildOne(Running(101)).Routes.Single();

        Assert.That(route.ServerName, Is.EqualTo("00101-17-0-vscode.runbot.example.com"));
    }

    [Test]
    public void Build_NormalBuild_OpenUrlPointsAtOpenRoute()
    {
        var route = BuildOne(Running(101)).Routes.Single();

        Assert.That(route.OpenUrl, Is.EqualTo("https://runbot.example.com/runbot/vscode/101"));
    }

    [Test]
    public void Build_NoLayerAndNoFacts_SkipsNotAttachable()
    {
        var table = BuildOne(Running(101, hasLayer: false));

        Assert.That(ReasonOf(table, 101), Is.EqualTo(SkipReason.NotAttachable));
        Assert.That(table.Routes, Is.Empty);
    }

    [Test]
    public void Build_NoLayerButUnlabelledImage_SkipsNotAttachable()
    {
        var table = BuildOne(Running(101, hasLayer: false), facts: new ContainerFacts(false, "172.17.0.2"));

        Assert.That(ReasonOf(table, 101), Is.EqualTo(SkipReason.NotAttachable));
    }

    [Test]
    public void Build_NoLayerButLabelledImage_RoutesIt()
    {
        var table = BuildOne(Running(101, hasLayer: false), facts: new ContainerFacts(true, null));

        Assert.That(table.Routes.Select(route => route.BuildId), Is.EqualTo(new long[] { 101 }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("00101-17-0;")]
    [TestCase("00101 17")]
    [TestCase("00101-Master")]
    [TestCase("00101-17-0\n")]
    public void Build_InvalidDest_SkipsInvalidDest(string? dest)
    {
        var build = Running(101) with { Dest = dest };

        var table = BuildOne(build);

        Assert.That(ReasonOf(table, 101), Is.EqualTo(SkipReason.InvalidDest));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("PAUSED")]
    [TestCase("runbot.example.com.")]
    [TestCase("runbot.example.com;")]
    [TestCase("runbot.example.com\n")]
    public void Build_InvalidHost_SkipsInvalidHost(string? host)
    {
        var table = BuildOne(Running(101, host: host));

        Assert.That(ReasonOf(table, 101), Is.EqualTo(SkipReason.InvalidHost));
    }

    [TestCase(null)]
    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(65534)]
    [TestCase(70000)]
    public void Build_InvalidPort_SkipsInvalidPort(int? port)
    {
        var table = BuildOne(Running(101, port: port));

        Assert.That(ReasonOf(table, 101), Is.EqualTo(SkipReason.InvalidPort));
    }

    [Test]
    public void Build_PortWhosePlusTwoIsLastPort_RoutesIt()
    {
        var table = BuildOne(Running(101, port: 65533), UpstreamMode.HostPort);

        Assert.That(table.Routes.Single().Upstream, Is.EqualTo("http://127.0.0.1:65535"));
    }

    [Test]
    public void Build_LabelOver63WithSuffix_SkipsNameTooLong()
    {
        // 57 + "-vscode" gives a 64-character label, although the dest alone is a valid label.
        var dest = "00101-" + new string('a', 51);

        var table = BuildOne(Running(101, dest: dest), UpstreamMode.HostPort);

        Assert.That(ReasonOf(table, 101), Is.EqualTo(SkipReason.NameTooLong));
    }

    [Test]
    public void Build_Label63WithSuffix_RoutesIt()
    {
        // HostPort mode, because this dest would also make the socket path too long.
        var dest = "00101-" + new string('a', 50);

        var table = BuildOne(Running(101, dest: dest), UpstreamMode.HostPort);

        Assert.That(table.Routes.Single().ServerName.Split('.')[0], Has.Length.EqualTo(63));
    }

    [Test]
    public void Build_ServerNameOver253_SkipsNameTooLong()
    {
        var host = string.Join('.', new string('h', 63), new string('h', 63), new string('h', 63), new string('h', 61));

        var table = BuildOne(Running(101, host: host), UpstreamMode.HostPort);

        Assert.That(ReasonOf(table, 101), Is.EqualTo(SkipReason.NameTooLong));
    }

    [Test]
    public void Build_SocketPathOf108Bytes_SkipsNameTooLong()
    {
        var dest = "00101-17-0";
        var root = "/" + new string('r', 108 - SocketSuffixLength - dest.Length - 2);

        var table = Builder(UpstreamMode.Socket, root).Build([Running(101, dest: dest)], Settings, NoFacts);

        Assert.That(ReasonOf(table, 101), Is.EqualTo(SkipReason.NameTooLong));
    }

    [Test]
    public void Build_SocketPathOf107Bytes_RoutesIt()
    {
        var dest = "00101-17-0";
        var root = "/" + new string('r', 107 - SocketSuffixLength - dest.Length - 2);

        var table = Builder(UpstreamMode.Socket, root).Build([Running(101, dest: dest)], Settings, NoFacts);

        Assert.That(table.Routes.Single().Upstream, Is.EqualTo($"http://unix:{root}/{dest}/.vscode-server/code-server.sock:"));
    }

    [Test]
    public void Build_SocketPathLongOnlyInBytes_SkipsNameTooLong()
    {
        // The limit counts bytes: an accented folder name is shorter in characters than in UTF-8 bytes.
        // The validator rejects such a BuildRoot; the builder checks bytes anyway.
        var dest = "00101-17-0";
        var root = "/" + new string('\u00e9', 60);

        var table = Builder(UpstreamMode.Socket, root).Build([Running(101, dest: dest)], Settings, NoFacts);

        Assert.That(ReasonOf(table, 101), Is.EqualTo(SkipReason.NameTooLong));
    }

    [Test]
    public void Build_ContainerIpWithoutFacts_SkipsNoContainerAddress()
    {
        var table = BuildOne(Running(101), UpstreamMode.ContainerIp);

        Assert.That(ReasonOf(table, 101), Is.EqualTo(SkipReason.NoContainerAddress));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("fd00::2")]
    [TestCase("::ffff:172.17.0.2")]
    [TestCase("not-an-address")]
    [TestCase("172.17.2")]
    [TestCase("172.17.0.2\n")]
    [TestCase("172.17.0.2;")]
    [TestCase("0x7f.0.0.1")]
    public void Build_ContainerIpWithUnusableAddress_SkipsNoContainerAddress(string? address)
    {
        var table = BuildOne(Running(101), UpstreamMode.ContainerIp, new ContainerFacts(true, address));

        Assert.That(ReasonOf(table, 101), Is.EqualTo(SkipReason.NoContainerAddress));
    }

    [Test]
    public void Build_SharedDest_SkipsEveryBuildSharingIt()
    {
        var builds = new[] { Running(1, dest: "00001-17-0"), Running(2, dest: "00001-17-0"), Running(3, dest: "00003-17-0") };

        var table = Builder().Build(builds, Settings, NoFacts);

        Assert.That(ReasonOf(table, 1), Is.EqualTo(SkipReason.DuplicateDest));
        Assert.That(ReasonOf(table, 2), Is.EqualTo(SkipReason.DuplicateDest));
    }

    [Test]
    public void Build_SharedDest_KeepsOtherBuilds()
    {
        var builds = new[] { Running(1, dest: "00001-17-0"), Running(2, dest: "00001-17-0"), Running(3, dest: "00003-17-0") };

        var table = Builder().Build(builds, Settings, NoFacts);

        Assert.That(table.Routes.Select(route => route.BuildId), Is.EqualTo(new long[] { 3 }));
    }

    [Test]
    public void Build_SharedDestAndOtherSkip_SkippedSortedById()
    {
        var builds = new[] { Running(5, dest: "00001-17-0"), Running(3, hasLayer: false), Running(1, dest: "00001-17-0") };

        var table = Builder().Build(builds, Settings, NoFacts);

        Assert.That(table.Skipped.Select(skipped => skipped.BuildId), Is.EqualTo(new long[] { 1, 3, 5 }));
    }

    [Test]
    public void Build_SocketMode_UpstreamIsSocketInBuildFolder()
    {
        var route = BuildOne(Running(101)).Routes.Single();

        Assert.That(route.Upstream, Is.EqualTo("http://unix:/srv/runbot/static/build/00101-17-0/.vscode-server/code-server.sock:"));
    }

    [Test]
    public void Build_BuildRootWithTrailingSlash_NoDoubleSlash()
    {
        var table = Builder(UpstreamMode.Socket, BuildRoot + "/").Build([Running(101)], Settings, NoFacts);

        Assert.That(table.Routes.Single().Upstream, Is.EqualTo("http://unix:/srv/runbot/static/build/00101-17-0/.vscode-server/code-server.sock:"));
    }

    [Test]
    public void Build_HostPortMode_UpstreamIsPortPlusTwo()
    {
        var route = BuildOne(Running(101, port: 2003), UpstreamMode.HostPort).Routes.Single();

        Assert.That(route.Upstream, Is.EqualTo("http://127.0.0.1:2005"));
    }

    [Test]
    public void Build_ContainerIpMode_UpstreamIsBridgeAddressAnd8071()
    {
        var route = BuildOne(Running(101), UpstreamMode.ContainerIp, new ContainerFacts(false, "172.17.0.2")).Routes.Single();

        Assert.That(route.Upstream, Is.EqualTo("http://172.17.0.2:8071"));
    }

    [Test]
    public void Build_BuildsOutOfOrder_RoutesSortedById()
    {
        var builds = new[] { Running(30), Running(10), Running(20) };

        var table = Builder().Build(builds, Settings, NoFacts);

        Assert.That(table.Routes.Select(route => route.BuildId), Is.EqualTo(new long[] { 10, 20, 30 }));
    }

    [Test]
    public void Build_SkippedBuild_DetailQuotesValue()
    {
        var table = BuildOne(Running(101, host: "bad host"));

        Assert.That(table.Skipped.Single().Detail, Does.Contain("'bad host'"));
    }

    [Test]
    public void HostSocketPath_DefaultSocketPath_IsUnderBuildFolder()
    {
        Assert.That(Builder().HostSocketPath("00101-17-0"), Is.EqualTo("/srv/runbot/static/build/00101-17-0/.vscode-server/code-server.sock"));
    }

    [Test]
    public void Printable_Null_ReturnsNullWord()
    {
        Assert.That(RouteBuilder.Printable(null), Is.EqualTo("NULL"));
    }

    [Test]
    public void Printable_PlainValue_QuotesIt()
    {
        Assert.That(RouteBuilder.Printable("00101-17-0"), Is.EqualTo("'00101-17-0'"));
    }

    [Test]
    public void Printable_ControlCharacters_EscapesThem()
    {
        Assert.That(RouteBuilder.Printable("a\nb\tc\u001bd\u0085"), Is.EqualTo("'a\\u000ab\\u0009c\\u001bd\\u0085'"));
    }

    [Test]
    public void Printable_SingleQuote_EscapesIt()
    {
        Assert.That(RouteBuilder.Printable("it's"), Is.EqualTo("'it\\u0027s'"));
    }

    [Test]
    public void Printable_LongValue_CutsAt80WithEllipsis()
    {
        var value = new string('x', 80) + "TAIL";

        Assert.That(RouteBuilder.Printable(value), Is.EqualTo("'" + new string('x', 80) + "'..."));
    }

    [Test]
    public void Printable_Value80Long_KeepsItWhole()
    {
        var value = new string('x', 80);

        Assert.That(RouteBuilder.Printable(value), Is.EqualTo("'" + value + "'"));
    }

    public static IEnumerable<TestCaseData> HostileRows()
    {
        yield return new TestCaseData(201L, "00201-x;", Host).SetName("Build_HostileDestSemicolon_SkippedAndNotRendered");
        yield return new TestCaseData(202L, "00202-x{", Host).SetName("Build_HostileDestBrace_SkippedAndNotRendered");
        yield return new TestCaseData(203L, "00203-x}", Host).SetName("Build_HostileDestClosingBrace_SkippedAndNotRendered");
        yield return new TestCaseData(204L, "00204-$host", Host).SetName("Build_HostileDestDollar_SkippedAndNotRendered");
        yield return new TestCaseData(205L, "00205-\"x\"", Host).SetName("Build_HostileDestDoubleQuote_SkippedAndNotRendered");
        yield return new TestCaseData(206L, "00206-'x'", Host).SetName("Build_HostileDestSingleQuote_SkippedAndNotRendered");
        yield return new TestCaseData(207L, "00207-x\\", Host).SetName("Build_HostileDestBackslash_SkippedAndNotRendered");
        yield return new TestCaseData(208L, "00208-x\n", Host).SetName("Build_HostileDestTrailingNewline_SkippedAndNotRendered");
        yield return new TestCaseData(209L, "00209-x\nserver { listen 80; }", Host).SetName("Build_HostileDestInjectedBlock_SkippedAndNotRendered");
        yield return new TestCaseData(210L, "00210-x\ty", Host).SetName("Build_HostileDestTab_SkippedAndNotRendered");
        yield return new TestCaseData(211L, "00211 x", Host).SetName("Build_HostileDestSpace_SkippedAndNotRendered");
        yield return new TestCaseData(212L, "00212-\u0430", Host).SetName("Build_HostileDestCyrillic_SkippedAndNotRendered");
        yield return new TestCaseData(213L, "\uff10\uff10213-x", Host).SetName("Build_HostileDestFullwidth_SkippedAndNotRendered");
        yield return new TestCaseData(214L, "00214-MASTER", Host).SetName("Build_HostileDestUppercase_SkippedAndNotRendered");
        yield return new TestCaseData(215L, "00215-x.", Host).SetName("Build_HostileDestTrailingDot_SkippedAndNotRendered");
        yield return new TestCaseData(216L, "00216-" + new string('x', 58), Host).SetName("Build_HostileDest64Characters_SkippedAndNotRendered");
        yield return new TestCaseData(217L, "-00217", Host).SetName("Build_HostileDestLeadingHyphen_SkippedAndNotRendered");
        yield return new TestCaseData(218L, "00218-", Host).SetName("Build_HostileDestTrailingHyphen_SkippedAndNotRendered");
        yield return new TestCaseData(219L, "00219-x#", Host).SetName("Build_HostileDestHash_SkippedAndNotRendered");
        yield return new TestCaseData(301L, "00301-17-0", "h301.example.com;").SetName("Build_HostileHostSemicolon_SkippedAndNotRendered");
        yield return new TestCaseData(302L, "00302-17-0", "h302.example.com {").SetName("Build_HostileHostBrace_SkippedAndNotRendered");
        yield return new TestCaseData(303L, "00303-17-0", "h303.$host.com").SetName("Build_HostileHostDollar_SkippedAndNotRendered");
        yield return new TestCaseData(304L, "00304-17-0", "h304.example.com\n").SetName("Build_HostileHostTrailingNewline_SkippedAndNotRendered");
        yield return new TestCaseData(305L, "00305-17-0", "h305.ex\u0430mple.com").SetName("Build_HostileHostCyrillic_SkippedAndNotRendered");
        yield return new TestCaseData(306L, "00306-17-0", "H306.example.com").SetName("Build_HostileHostUppercase_SkippedAndNotRendered");
        yield return new TestCaseData(307L, "00307-17-0", "h307.example.com.").SetName("Build_HostileHostTrailingDot_SkippedAndNotRendered");
        yield return new TestCaseData(308L, "00308-17-0", "h308..example.com").SetName("Build_HostileHostEmptyLabel_SkippedAndNotRendered");
        yield return new TestCaseData(309L, "00309-17-0", "h309 example.com").SetName("Build_HostileHostSpace_SkippedAndNotRendered");
        yield return new TestCaseData(310L, "00310-17-0", "h310.example.com\"").SetName("Build_HostileHostDoubleQuote_SkippedAndNotRendered");
        yield return new TestCaseData(311L, "00311-17-0", "h311.exa\tmple.com").SetName("Build_HostileHostTab_SkippedAndNotRendered");
    }

    [TestCaseSource(nameof(HostileRows))]
    public void Build_HostileRow_SkippedAndNotRendered(long buildId, string dest, string host)
    {
        var good = Running(1, dest: "00001-good");
        var hostile = Running(buildId, dest: dest, host: host);
        var hostileValue = host == Host ? dest : host;

        var table = Builder().Build([hostile, good], Settings, NoFacts);
        var config = Render(table);

        Assert.That(table.Skipped.Select(skipped => skipped.BuildId), Is.EqualTo(new[] { buildId }));
        Assert.That(config, Does.Contain("server_name 00001-good-vscode.runbot.example.com;"));
        Assert.That(config, Does.Not.Contain($"# build {buildId} "));
        Assert.That(config, Does.Not.Contain(hostileValue));
    }

    [Test]
    public void Build_WholeHostileCorpus_OnlyGoodBuildRendered()
    {
        var builds = HostileRows()
            .Select(row => Running((long)row.Arguments[0]!, dest: (string)row.Arguments[1]!, host: (string)row.Arguments[2]!))
            .Append(Running(1, dest: "00001-good"))
            .ToList();

        var table = Builder().Build(builds, Settings, NoFacts);
        var config = Render(table);

        Assert.That(table.Routes.Select(route => route.BuildId), Is.EqualTo(new long[] { 1 }));
        Assert.That(table.Skipped, Has.Count.EqualTo(builds.Count - 1));
        Assert.That(config.Split('\n').Count(line => line.StartsWith("server {", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    private static string Render(RouteTable table)
    {
        var renderer = new NginxConfigRenderer(TemplateFile.Load(RepositoryFiles.NginxTemplate));
        return renderer.Render(new NginxConfigModel("8080", "127.0.0.1:8079", 32, "runbot_vscode", table.Routes));
    }
}
