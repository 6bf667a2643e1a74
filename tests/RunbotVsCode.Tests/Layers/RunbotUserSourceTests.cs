namespace RunbotVsCode.Layers.Tests;

public sealed class RunbotUserSourceTests
{
    [Test]
    public void Resolve_AllSet_UsesSettings()
    {
        var user = RunbotUserSource.Resolve(new LayerOptions { RunbotUid = 1001, RunbotGid = 1002, RunbotUserName = "odoo" });

        Assert.That(user, Is.EqualTo(new RunbotUser(1001, 1002, "odoo")));
    }

    [Test]
    public void Resolve_NoneSet_UsesThisProcess()
    {
        var user = RunbotUserSource.Resolve(new LayerOptions());

        Assert.That(user.Name, Is.EqualTo(Environment.UserName));
        Assert.That(user.Uid, Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void ParseStatusId_StatusLines_ReturnsRealId()
    {
        string[] lines = ["Name:\tdotnet", "Uid:\t1000\t1001\t1002\t1003", "Gid:\t50\t51\t52\t53"];

        Assert.That(RunbotUserSource.ParseStatusId(lines, "Uid:"), Is.EqualTo(1000));
        Assert.That(RunbotUserSource.ParseStatusId(lines, "Gid:"), Is.EqualTo(50));
    }

    [Test]
    public void ParseStatusId_MissingLine_Throws()
    {
        Assert.Throws<FormatException>(() => RunbotUserSource.ParseStatusId(["Name:\tdotnet"], "Uid:"));
    }
}
