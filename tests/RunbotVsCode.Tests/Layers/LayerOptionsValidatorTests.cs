namespace RunbotVsCode.Layers.Tests;

public sealed class LayerOptionsValidatorTests
{
    [TestCase("runbot", true)]
    [TestCase("odoo.user-1", true)]
    [TestCase("bad name", false)]
    [TestCase("-leadingdash", false)]
    public void Validate_RunbotUserName_ChecksPattern(string name, bool valid)
    {
        var result = new LayerOptionsValidator().Validate(null, new LayerOptions { RunbotUserName = name });

        Assert.That(result.Succeeded, Is.EqualTo(valid));
    }

    [Test]
    public void Validate_NegativeIdsAndWriteUid_ReportsEach()
    {
        var result = new LayerOptionsValidator().Validate(null, new LayerOptions { RunbotUid = -1, RunbotGid = -2, WriteUid = 0 });

        Assert.That(result.Failures, Has.Some.StartsWith("Layer:RunbotUid is invalid"));
        Assert.That(result.Failures, Has.Some.StartsWith("Layer:RunbotGid is invalid"));
        Assert.That(result.Failures, Has.Some.StartsWith("Layer:WriteUid is invalid"));
    }
}
