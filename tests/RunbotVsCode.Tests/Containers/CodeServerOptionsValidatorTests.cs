using Microsoft.Extensions.Options;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Containers.Tests;

public sealed class CodeServerOptionsValidatorTests
{
    [Test]
    public void Validate_Defaults_Succeeds()
    {
        var result = Validate(new CodeServerOptions(), new UpstreamOptions());

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase("66")]
    [TestCase("0866")]
    [TestCase("rw-rw-rw-")]
    [TestCase("06660")]
    public void Validate_InvalidSocketMode_NamesKeyAndValue(string mode)
    {
        var result = Validate(new CodeServerOptions { SocketMode = mode }, new UpstreamOptions());

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("CodeServer:SocketMode").And.Contain(mode));
    }

    [Test]
    public void Validate_SeveralProblems_ReportsEach()
    {
        var options = new CodeServerOptions { StartTimeout = TimeSpan.Zero, IdleTimeout = TimeSpan.FromSeconds(-1), Binary = " " };

        var result = Validate(options, new UpstreamOptions());

        Assert.That(result.Failures, Has.Some.Contains("CodeServer:StartTimeout"));
        Assert.That(result.Failures, Has.Some.Contains("CodeServer:IdleTimeout"));
        Assert.That(result.Failures, Has.Some.Contains("CodeServer:Binary"));
    }

    [TestCase("/tmp/code-server.sock")]
    [TestCase("/data/build/../etc/code-server.sock")]
    [TestCase("/data/buildx/code-server.sock")]
    public void Validate_SocketOutsideBuildFolder_Fails(string socketPath)
    {
        var result = Validate(new CodeServerOptions(), new UpstreamOptions { ContainerSocketPath = socketPath });

        Assert.That(result.FailureMessage, Does.Contain("Upstream:ContainerSocketPath").And.Contain(socketPath));
    }

    private static ValidateOptionsResult Validate(CodeServerOptions options, UpstreamOptions upstream) =>
        new CodeServerOptionsValidator(Options.Create(upstream)).Validate(null, options);
}
