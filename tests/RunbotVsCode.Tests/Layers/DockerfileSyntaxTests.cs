namespace RunbotVsCode.Layers.Tests;

public sealed class DockerfileSyntaxTests
{
    [Test]
    public void LogicalLines_Continuations_JoinsAndDropsComments()
    {
        var lines = DockerfileSyntax.LogicalLines("# comment\nRUN a \\\n    && b\n\nUSER root");

        Assert.That(lines, Is.EqualTo(new[] { "RUN a && b", "USER root" }));
    }

    [Test]
    public void InvalidLines_StrayContinuation_ReportsIt()
    {
        var invalid = DockerfileSyntax.InvalidLines("RUN a\n \\\n    && b\nLABEL");

        Assert.That(invalid, Is.EqualTo(new[] { "&& b", "LABEL" }));
    }

    [Test]
    public void LogicalLines_TrailingBackslash_Throws()
    {
        Assert.That(() => DockerfileSyntax.LogicalLines("RUN a \\"), Throws.TypeOf<FormatException>());
    }
}
