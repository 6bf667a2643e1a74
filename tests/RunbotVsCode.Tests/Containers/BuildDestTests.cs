namespace RunbotVsCode.Containers.Tests;

public sealed class BuildDestTests
{
    [TestCase("00101-17-0")]
    [TestCase("00102-saas-17-2")]
    [TestCase("12345-master")]
    public void IsValid_RunbotDest_ReturnsTrue(string dest) => Assert.That(BuildDest.IsValid(dest), Is.True);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("..")]
    [TestCase("00101-17..0")]
    [TestCase("00101 17-0")]
    [TestCase("00101-17-0;rm")]
    [TestCase("00101-$HOME")]
    [TestCase("00101/17-0")]
    [TestCase("-00101")]
    [TestCase("00101-17-0\n")]
    public void IsValid_UnsafeDest_ReturnsFalse(string? dest) => Assert.That(BuildDest.IsValid(dest), Is.False);

    [Test]
    public void IsValid_LongerThan64Characters_ReturnsFalse() => Assert.That(BuildDest.IsValid(new string('a', 65)), Is.False);
}
