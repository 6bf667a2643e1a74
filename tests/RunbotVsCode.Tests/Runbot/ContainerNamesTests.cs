namespace RunbotVsCode.Runbot.Tests;

public class ContainerNamesTests
{
    [TestCase("00101-17-0_run", "00101-17-0_run")]
    [TestCase("00101-17.0_Run", "00101-17.0_Run")]
    [TestCase("00101-17-0_run step", "00101-17-0_runstep")]
    [TestCase("00101;rm -rf_run", "00101rm-rf_run")]
    [TestCase("00101-\u0430_run", "00101-_run")]
    [TestCase("00101\n_run", "00101_run")]
    [TestCase("", "")]
    public void Sanitize_Name_KeepsOnlyAllowedCharacters(string name, string expected)
    {
        Assert.That(ContainerNames.Sanitize(name), Is.EqualTo(expected));
    }

    [Test]
    public void ContainerName_DestAndStep_JoinedAndSanitized()
    {
        var build = new RunningBuild(101, "00101-17-0", "runbot.example.com", 2000, "run odoo", "17.0", 1, "D", "odoo:D", true, null);

        Assert.That(build.ContainerName, Is.EqualTo("00101-17-0_runodoo"));
    }

    [Test]
    public void ContainerName_StepMissing_IsNull()
    {
        var build = new RunningBuild(101, "00101-17-0", "runbot.example.com", 2000, null, "17.0", 1, "D", "odoo:D", true, null);

        Assert.That(build.ContainerName, Is.Null);
    }
}
