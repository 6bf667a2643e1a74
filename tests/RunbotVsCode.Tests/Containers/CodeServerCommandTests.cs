using RunbotVsCode.Routing;

namespace RunbotVsCode.Containers.Tests;

public sealed class CodeServerCommandTests
{
    [Test]
    public void CodeServerArguments_SocketMode_ListensOnSocketWithMode()
    {
        var options = new CodeServerOptions { SocketMode = "660" };

        var arguments = CodeServerCommand.CodeServerArguments(options, new UpstreamOptions(), UpstreamMode.Socket);

        Assert.That(arguments, Is.EqualTo(new[]
        {
            "code-server",
            "--auth", "none",
            "--disable-telemetry",
            "--disable-update-check",
            "--user-data-dir", "/data/build/.vscode-server/data",
            "--extensions-dir", "/data/build/.vscode-server/extensions",
            "--config", "/data/build/.vscode-server/config.yaml",
            "--socket", "/data/build/.vscode-server/code-server.sock",
            "--socket-mode", "660",
            "/data/build",
        }));
    }

    [TestCase(UpstreamMode.HostPort)]
    [TestCase(UpstreamMode.ContainerIp)]
    public void CodeServerArguments_TcpModes_BindAllAddressesOnContainerPort(UpstreamMode mode)
    {
        var upstream = new UpstreamOptions { ContainerPort = 9000 };

        var arguments = CodeServerCommand.CodeServerArguments(new CodeServerOptions(), upstream, mode);

        Assert.That(arguments, Does.Contain("--bind-addr"));
        Assert.That(arguments[arguments.IndexOf("--bind-addr") + 1], Is.EqualTo("0.0.0.0:9000"));
        Assert.That(arguments, Does.Not.Contain("--socket"));
    }

    [Test]
    public void CodeServerArguments_ExtraArgs_ComeBeforeWorkspace()
    {
        var options = new CodeServerOptions { ExtraArgs = ["--disable-workspace-trust"], Binary = "/opt/code-server/bin/code-server" };

        var arguments = CodeServerCommand.CodeServerArguments(options, new UpstreamOptions(), UpstreamMode.Socket);

        Assert.That(arguments[0], Is.EqualTo("/opt/code-server/bin/code-server"));
        Assert.That(arguments[^2], Is.EqualTo("--disable-workspace-trust"));
        Assert.That(arguments[^1], Is.EqualTo("/data/build"));
    }

    [Test]
    public void Launch_HostileValues_StayOutsideScriptText()
    {
        var options = new CodeServerOptions { StateDirectory = "/data/build/$(touch /tmp/x)", ExtraArgs = ["; rm -rf /"] };

        var command = CodeServerCommand.Launch(options, new UpstreamOptions(), UpstreamMode.Socket);

        Assert.That(command.Take(3), Is.EqualTo(new[] { "sh", "-c", CodeServerCommand.LaunchScript }));
        Assert.That(command[4], Is.EqualTo("/data/build/$(touch /tmp/x)"));
        Assert.That(command, Does.Contain("; rm -rf /"));
        Assert.That(CodeServerCommand.LaunchScript, Does.Not.Contain("$(touch"));
    }

    [Test]
    public void Stop_PassesStateDirectoryAsArgument()
    {
        var command = CodeServerCommand.Stop(new CodeServerOptions());

        Assert.That(command, Is.EqualTo(new[] { "sh", "-c", CodeServerCommand.StopScript, "runbot-vscode-stop", "/data/build/.vscode-server" }));
    }

    [Test]
    public void TailLog_ReadsConfiguredLineCount()
    {
        var command = CodeServerCommand.TailLog(new CodeServerOptions { OutputTailLines = 7 });

        Assert.That(command, Is.EqualTo(new[] { "tail", "-n", "7", "/data/build/.vscode-server/code-server.log" }));
    }
}
