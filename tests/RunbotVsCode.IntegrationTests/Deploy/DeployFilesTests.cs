using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Deploy.Tests;

/// <summary>The files under deploy/ and samples/, exercised as an admin would use them.</summary>
[TestFixture]
public sealed class DeployFilesTests
{
    private static string Deploy => Path.Combine(TestServices.RepositoryRoot, "deploy");

    [Test]
    public async Task Unit_SystemdAnalyzeVerify_Passes()
    {
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            TestServices.Unavailable("systemd-analyze", "/usr/bin/systemd-analyze is not found");
        }

        using var folder = new TestFolder("rvs-unit");
        var unit = await File.ReadAllTextAsync(Path.Combine(Deploy, "systemd", "runbot-vscode.service"));
        var path = folder.Combine("runbot-vscode.service");

        // verify checks that ExecStart's program exists, so point it at the binary built beside the tests.
        await File.WriteAllTextAsync(path, unit.Replace("/opt/runbot-vscode/runbot-vscode", Path.Combine(AppContext.BaseDirectory, "runbot-vscode"), StringComparison.Ordinal));
        var (exitCode, output) = await RunAsync("/usr/bin/systemd-analyze", "verify", path);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Not.Contain("Unknown key"));
        Assert.That(unit, Does.Contain("Type=notify").And.Contain("NoNewPrivileges=yes").And.Contain("ProtectSystem=strict").And.Contain("PrivateTmp=yes").And.Contain("Restart=on-failure"));
    }

    [Test]
    public async Task Install_IntoTemporaryRoot_KeepsEditedSettings()
    {
        using var root = new TestFolder("rvs-root");

        var first = await RunAsync("bash", Path.Combine(Deploy, "install.sh"), "--root", root.Path, "--binaries", AppContext.BaseDirectory, "--with-cron");
        var settings = root.Combine("etc", "runbot-vscode", "appsettings.json");
        await File.WriteAllTextAsync(settings, "{ \"edited\": true }");
        var second = await RunAsync("bash", Path.Combine(Deploy, "install.sh"), "--root", root.Path, "--binaries", AppContext.BaseDirectory);

        Assert.That(first.ExitCode, Is.Zero, first.Output);
        Assert.That(second.ExitCode, Is.Zero, second.Output);
        Assert.That(File.Exists(root.Combine("opt", "runbot-vscode", "runbot-vscode")), Is.True);
        Assert.That(File.Exists(root.Combine("etc", "systemd", "system", "runbot-vscode.service")), Is.True);
        Assert.That(File.Exists(root.Combine("etc", "cron.d", "runbot-vscode")), Is.True);
        Assert.That(await File.ReadAllTextAsync(settings), Is.EqualTo("{ \"edited\": true }"));
        Assert.That(second.Output, Does.Contain("kept the existing"));
    }

    [Test]
    public async Task InstalledBinary_Help_Runs()
    {
        using var root = new TestFolder("rvs-root");
        await RunAsync("bash", Path.Combine(Deploy, "install.sh"), "--root", root.Path, "--binaries", AppContext.BaseDirectory);

        var (exitCode, output) = await RunAsync(root.Combine("opt", "runbot-vscode", "runbot-vscode"), "--help");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("regen").And.Contain("serve").And.Contain("doctor"));
    }

    [TestCase("appsettings.single-host.json")]
    [TestCase("appsettings.multi-host-main.json")]
    [TestCase("appsettings.multi-host-builder.json")]
    public async Task SampleSettings_PassValidation(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(TestServices.RepositoryRoot, "samples", file)).Build();
        var settings = configuration.AsEnumerable().Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value);

        await using var service = ServiceUnderTest.Create(settings);

        Assert.That(service.Pass.HostName, Does.EndWith("example.com"));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
