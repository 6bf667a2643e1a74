using System.Text;
using Microsoft.Extensions.Primitives;
using static RunbotVsCode.Auth.Tests.AuthTestValues;

namespace RunbotVsCode.Auth.Tests;

public class AuthCookieTests
{
    private const string Name = AuthCookie.DefaultName;

    [Test]
    public void FindValues_SingleCookie_ReturnsItsValue()
    {
        var values = AuthCookie.FindValues("session_id=abc; runbot_vscode=v1.token; theme=dark", Name);

        Assert.That(values, Is.EqualTo(new[] { "v1.token" }));
    }

    [Test]
    public void FindValues_BothNames_ReturnsHostPrefixedFirst()
    {
        var values = AuthCookie.FindValues("runbot_vscode=plain; __Host-runbot_vscode=secure", Name);

        Assert.That(values, Is.EqualTo(new[] { "secure", "plain" }));
    }

    [Test]
    public void FindValues_Duplicates_ReturnsEachInOrder()
    {
        var values = AuthCookie.FindValues("runbot_vscode=forged; a=1; runbot_vscode=real", Name);

        Assert.That(values, Is.EqualTo(new[] { "forged", "real" }));
    }

    [Test]
    public void FindValues_SeveralHeaders_ReadsAll()
    {
        var headers = new StringValues(["a=1; runbot_vscode=first", "runbot_vscode=second"]);

        Assert.That(AuthCookie.FindValues(headers, Name), Is.EqualTo(new[] { "first", "second" }));
    }

    [Test]
    public void FindValues_SpacesAndTabs_AreTrimmed()
    {
        var values = AuthCookie.FindValues("a=1;\t runbot_vscode = value \t;b=2", Name);

        Assert.That(values, Is.EqualTo(new[] { "value" }));
    }

    [TestCase("")]
    [TestCase(";;;")]
    [TestCase("runbot_vscode")]
    [TestCase("runbot_vscode=")]
    [TestCase("Runbot_vscode=value")]
    [TestCase("xrunbot_vscode=value")]
    [TestCase("runbot_vscodex=value")]
    [TestCase("__host-runbot_vscode=value")]
    [TestCase("__Secure-runbot_vscode=value")]
    [TestCase("other=runbot_vscode=value")]
    public void FindValues_NoMatchingPair_ReturnsEmpty(string header)
    {
        Assert.That(AuthCookie.FindValues(header, Name), Is.Empty);
    }

    [Test]
    public void FindValues_NoHeaders_ReturnsEmpty()
    {
        Assert.That(AuthCookie.FindValues(StringValues.Empty, Name), Is.Empty);
        Assert.That(AuthCookie.FindValues(new StringValues((string?)null), Name), Is.Empty);
    }

    [Test]
    public void FindValues_ValueWithEquals_KeepsRest()
    {
        Assert.That(AuthCookie.FindValues("runbot_vscode=a=b", Name), Is.EqualTo(new[] { "a=b" }));
    }

    [Test]
    public void FindValues_EightKilobytesOfOtherCookiesFirst_StillFindsValue()
    {
        var header = new StringBuilder();
        for (var i = 0; header.Length < 8 * 1024; i++)
        {
            header.Append("unrelated_cookie_").Append(i).Append("=0123456789abcdef0123456789abcdef; ");
        }

        header.Append("runbot_vscode=real");

        Assert.That(AuthCookie.FindValues(header.ToString(), Name), Is.EqualTo(new[] { "real" }));
    }

    [Test]
    public void FindValues_PairPastScanLimit_IsIgnored()
    {
        var filler = "f=" + new string('x', AuthCookie.MaxScannedLength);

        var values = AuthCookie.FindValues($"runbot_vscode=early; {filler}; runbot_vscode=late", Name);

        Assert.That(values, Is.EqualTo(new[] { "early" }));
    }

    [Test]
    public void FindValues_ManyDuplicates_KeepsAtMostLimitPerName()
    {
        var header = string.Join("; ", Enumerable.Range(0, 100).Select(i => $"runbot_vscode=p{i}; __Host-runbot_vscode=s{i}"));

        var values = AuthCookie.FindValues(header, Name);

        Assert.That(values, Has.Count.EqualTo(2 * AuthCookie.MaxValuesPerName));
        Assert.That(values[0], Is.EqualTo("s0"));
        Assert.That(values[AuthCookie.MaxValuesPerName], Is.EqualTo("p0"));
    }

    [Test]
    public void FindValues_ForgedDuplicateBeforeRealToken_VerifiesAsValid()
    {
        var clock = NewClock();
        var codec = new AccessTokenCodec(new KeyRing(Secret), clock);
        var real = codec.Issue(101, 7, TimeSpan.FromHours(4));
        var forged = new AccessTokenCodec(new KeyRing(OtherSecret), clock).Issue(101, 1, TimeSpan.FromHours(4));

        var values = AuthCookie.FindValues($"runbot_vscode={forged}; runbot_vscode={real}", Name);
        var result = codec.VerifyAny(values, 101);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(result.Claims!.UserId, Is.EqualTo(7));
    }

    [Test]
    public void SecureName_DefaultName_AddsHostPrefix()
    {
        Assert.That(AuthCookie.SecureName(Name), Is.EqualTo("__Host-runbot_vscode"));
    }
}
