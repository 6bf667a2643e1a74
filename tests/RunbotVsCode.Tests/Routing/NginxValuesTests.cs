namespace RunbotVsCode.Routing.Tests;

public class NginxValuesTests
{
    private static readonly string Label63 = new('a', 63);
    private static readonly string Label64 = new('a', 64);

    // Four labels of 63 characters joined by dots give 255 characters; trimming gives names around the 253 limit.
    private static readonly string HostName253 = string.Join('.', Label63, Label63, Label63, new string('a', 61));
    private static readonly string HostName254 = string.Join('.', Label63, Label63, Label63, new string('a', 62));

    public static IEnumerable<TestCaseData> HostileLabels()
    {
        yield return new TestCaseData("00101-17-0;").SetName("IsDnsLabel_Semicolon_ReturnsFalse");
        yield return new TestCaseData("00101{").SetName("IsDnsLabel_OpeningBrace_ReturnsFalse");
        yield return new TestCaseData("00101}").SetName("IsDnsLabel_ClosingBrace_ReturnsFalse");
        yield return new TestCaseData("00101$host").SetName("IsDnsLabel_Dollar_ReturnsFalse");
        yield return new TestCaseData("00101\"").SetName("IsDnsLabel_DoubleQuote_ReturnsFalse");
        yield return new TestCaseData("00101'").SetName("IsDnsLabel_SingleQuote_ReturnsFalse");
        yield return new TestCaseData("00101\\x").SetName("IsDnsLabel_Backslash_ReturnsFalse");
        yield return new TestCaseData("00101\nserver").SetName("IsDnsLabel_InnerNewline_ReturnsFalse");
        yield return new TestCaseData("00101-17-0\n").SetName("IsDnsLabel_TrailingNewline_ReturnsFalse");
        yield return new TestCaseData("00101-17-0\r\n").SetName("IsDnsLabel_TrailingCarriageReturn_ReturnsFalse");
        yield return new TestCaseData("00101\t17").SetName("IsDnsLabel_Tab_ReturnsFalse");
        yield return new TestCaseData("00101 17").SetName("IsDnsLabel_Space_ReturnsFalse");
        yield return new TestCaseData("00101-17-\u0430").SetName("IsDnsLabel_CyrillicA_ReturnsFalse");
        yield return new TestCaseData("\uff10\uff10101-17-0").SetName("IsDnsLabel_FullwidthDigits_ReturnsFalse");
        yield return new TestCaseData("00101-Master").SetName("IsDnsLabel_Uppercase_ReturnsFalse");
        yield return new TestCaseData("00101-17-0.").SetName("IsDnsLabel_TrailingDot_ReturnsFalse");
        yield return new TestCaseData("00101.17").SetName("IsDnsLabel_InnerDot_ReturnsFalse");
        yield return new TestCaseData("00101_17").SetName("IsDnsLabel_Underscore_ReturnsFalse");
        yield return new TestCaseData("").SetName("IsDnsLabel_Empty_ReturnsFalse");
        yield return new TestCaseData(Label64).SetName("IsDnsLabel_64Characters_ReturnsFalse");
        yield return new TestCaseData("-00101").SetName("IsDnsLabel_LeadingHyphen_ReturnsFalse");
        yield return new TestCaseData("00101-").SetName("IsDnsLabel_TrailingHyphen_ReturnsFalse");
        yield return new TestCaseData("-").SetName("IsDnsLabel_HyphenOnly_ReturnsFalse");
        yield return new TestCaseData("00101\0").SetName("IsDnsLabel_NulCharacter_ReturnsFalse");
    }

    [TestCase("00101-17-0")]
    [TestCase("00101-saas-17-2")]
    [TestCase("a")]
    [TestCase("0")]
    [TestCase("a-b")]
    [TestCase("a--b")]
    public void IsDnsLabel_NormalLabel_ReturnsTrue(string value)
    {
        Assert.That(NginxValues.IsDnsLabel(value), Is.True);
    }

    [Test]
    public void IsDnsLabel_63Characters_ReturnsTrue()
    {
        Assert.That(NginxValues.IsDnsLabel(Label63), Is.True);
    }

    [Test]
    public void IsDnsLabel_Null_ReturnsFalse()
    {
        Assert.That(NginxValues.IsDnsLabel(null), Is.False);
    }

    [TestCaseSource(nameof(HostileLabels))]
    public void IsDnsLabel_HostileValue_ReturnsFalse(string value)
    {
        Assert.That(NginxValues.IsDnsLabel(value), Is.False);
    }

    [TestCase("runbot.example.com")]
    [TestCase("runbot")]
    [TestCase("runbot-01.example.com")]
    [TestCase("runbot.localhost")]
    [TestCase("10.0.0.1")]
    public void IsHostName_NormalName_ReturnsTrue(string value)
    {
        Assert.That(NginxValues.IsHostName(value), Is.True);
    }

    [Test]
    public void IsHostName_253Characters_ReturnsTrue()
    {
        Assert.That(HostName253, Has.Length.EqualTo(253));
        Assert.That(NginxValues.IsHostName(HostName253), Is.True);
    }

    [Test]
    public void IsHostName_254Characters_ReturnsFalse()
    {
        Assert.That(HostName254, Has.Length.EqualTo(254));
        Assert.That(NginxValues.IsHostName(HostName254), Is.False);
    }

    [TestCase("runbot.example.com;")]
    [TestCase("runbot.example.com {")]
    [TestCase("runbot.example.com}")]
    [TestCase("runbot.$host.com")]
    [TestCase("runbot.\"example\".com")]
    [TestCase("runbot.'example'.com")]
    [TestCase("runbot\\.example.com")]
    [TestCase("runbot.example.com\n")]
    [TestCase("runbot.example.com\nserver_name evil.com")]
    [TestCase("runbot.example\t.com")]
    [TestCase("runbot example.com")]
    [TestCase("runbot.ex\u0430mple.com")]
    [TestCase("runbot\uff11.example.com")]
    [TestCase("Runbot.example.com")]
    [TestCase("runbot.example.com.")]
    [TestCase("runbot..example.com")]
    [TestCase(".runbot.example.com")]
    [TestCase("")]
    [TestCase("-runbot.example.com")]
    [TestCase("runbot-.example.com")]
    [TestCase("runbot.-example.com")]
    [TestCase("*.example.com")]
    [TestCase("runbot.example.com:8080")]
    public void IsHostName_HostileValue_ReturnsFalse(string value)
    {
        Assert.That(NginxValues.IsHostName(value), Is.False);
    }

    [Test]
    public void IsHostName_Null_ReturnsFalse()
    {
        Assert.That(NginxValues.IsHostName(null), Is.False);
    }

    [Test]
    public void IsHostName_Label64Characters_ReturnsFalse()
    {
        Assert.That(NginxValues.IsHostName($"{Label64}.example.com"), Is.False);
    }

    [TestCase("/home/runbot/odoo/runbot/runbot/static/build")]
    [TestCase("/")]
    [TestCase("/data/build/.vscode-server/code-server.sock")]
    [TestCase("/srv/runbot_1/Build-Root")]
    [TestCase("/srv/a..b/build")]
    public void IsSafeAbsolutePath_NormalPath_ReturnsTrue(string value)
    {
        Assert.That(NginxValues.IsSafeAbsolutePath(value), Is.True);
    }

    [TestCase("/srv/../etc/nginx")]
    [TestCase("/srv/build/..")]
    [TestCase("/..")]
    [TestCase("/srv/build:8080")]
    [TestCase("/srv/run bot/build")]
    [TestCase("srv/build")]
    [TestCase("./build")]
    [TestCase("build")]
    [TestCase("")]
    [TestCase("/srv/build;")]
    [TestCase("/srv/{build}")]
    [TestCase("/srv/$build")]
    [TestCase("/srv/build\n")]
    [TestCase("/srv/bu\u0456ld")]
    public void IsSafeAbsolutePath_HostileValue_ReturnsFalse(string value)
    {
        Assert.That(NginxValues.IsSafeAbsolutePath(value), Is.False);
    }

    [Test]
    public void IsSafeAbsolutePath_Null_ReturnsFalse()
    {
        Assert.That(NginxValues.IsSafeAbsolutePath(null), Is.False);
    }

    [TestCase(1)]
    [TestCase(8080)]
    [TestCase(65535)]
    public void IsPort_InRange_ReturnsTrue(long port)
    {
        Assert.That(NginxValues.IsPort(port), Is.True);
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(65536)]
    [TestCase(70000)]
    public void IsPort_OutOfRange_ReturnsFalse(long port)
    {
        Assert.That(NginxValues.IsPort(port), Is.False);
    }

    [TestCase("runbot_vscode")]
    [TestCase("session-id")]
    public void IsCookieName_NormalName_ReturnsTrue(string value)
    {
        Assert.That(NginxValues.IsCookieName(value), Is.True);
    }

    [TestCase("runbot;vscode")]
    [TestCase("runbot=vscode")]
    [TestCase("runbot vscode")]
    [TestCase("runbot_vscode\n")]
    [TestCase("")]
    public void IsCookieName_HostileValue_ReturnsFalse(string value)
    {
        Assert.That(NginxValues.IsCookieName(value), Is.False);
    }
}
