using Microsoft.Extensions.Time.Testing;
using static RunbotVsCode.Auth.Tests.AuthTestValues;

namespace RunbotVsCode.Auth.Tests;

public class AccessTokenCodecTests
{
    private const long BuildId = 101;
    private const long UserId = 7;
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(4);

    private FakeTimeProvider clock = null!;
    private KeyRing keyRing = null!;
    private AccessTokenCodec codec = null!;

    [SetUp]
    public void SetUp()
    {
        clock = NewClock();
        keyRing = new KeyRing(Secret);
        codec = new AccessTokenCodec(keyRing, clock);
    }

    [Test]
    public void Issue_ThenVerify_ReturnsValidWithClaims()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);

        var result = codec.Verify(token, BuildId);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Claims, Is.EqualTo(new AccessClaims(keyRing.CurrentKeyId, BuildId, UserId, Start + Lifetime)));
    }

    [Test]
    public void Issue_Always_FollowsDocumentedLayout()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);

        var expectedPrefix = $"v1.{keyRing.CurrentKeyId}.101.7.{Seconds(Start + Lifetime)}.";
        Assert.That(token, Does.StartWith(expectedPrefix));
        Assert.That(token[expectedPrefix.Length..], Does.Match("^[A-Za-z0-9_-]{43}$"));
    }

    [Test]
    public void Issue_LargestIds_StaysWithinDocumentedLength()
    {
        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(SignedValueFormat.MaxExpiryUnixSeconds) - AccessTokenCodec.MaxLifetime);

        var token = codec.Issue(int.MaxValue, int.MaxValue, AccessTokenCodec.MaxLifetime);

        Assert.That(token, Has.Length.EqualTo(88));
        Assert.That(codec.Verify(token, int.MaxValue).Status, Is.EqualTo(VerificationStatus.Valid));
    }

    [Test]
    public void Issue_FractionalLifetime_RoundsExpiryUp()
    {
        var token = codec.Issue(BuildId, UserId, TimeSpan.FromSeconds(1.5));

        var claims = codec.Verify(token, BuildId).Claims;

        Assert.That(claims!.ExpiresAt, Is.EqualTo(Start.AddSeconds(2)));
    }

    [TestCase(0L, UserId)]
    [TestCase(-1L, UserId)]
    [TestCase(2147483648L, UserId)]
    [TestCase(BuildId, 0L)]
    [TestCase(BuildId, 2147483648L)]
    public void Issue_IdOutOfRange_Throws(long buildId, long userId)
    {
        Assert.That(() => codec.Issue(buildId, userId, Lifetime), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [TestCase(0.0)]
    [TestCase(0.5)]
    [TestCase(-60.0)]
    [TestCase(2592001.0)]
    public void Issue_LifetimeOutOfRange_Throws(double seconds)
    {
        Assert.That(() => codec.Issue(BuildId, UserId, TimeSpan.FromSeconds(seconds)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Verify_TokenForOtherBuild_ReturnsWrongBuild()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);

        var result = codec.Verify(token, 102);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.WrongBuild));
        Assert.That(result.Claims!.BuildId, Is.EqualTo(BuildId));
        Assert.That(result.Reason, Does.Contain("build 101").And.Contain("build 102"));
    }

    [TestCase(-1, VerificationStatus.Valid)]
    [TestCase(0, VerificationStatus.Expired)]
    [TestCase(1, VerificationStatus.Expired)]
    public void Verify_AroundExpiry_AcceptsOnlyBefore(int secondsFromExpiry, VerificationStatus expected)
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);

        clock.SetUtcNow(Start + Lifetime + TimeSpan.FromSeconds(secondsFromExpiry));

        Assert.That(codec.Verify(token, BuildId).Status, Is.EqualTo(expected));
    }

    [Test]
    public void Verify_LastTickBeforeExpiry_ReturnsValid()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);

        clock.SetUtcNow(Start + Lifetime - TimeSpan.FromTicks(1));

        Assert.That(codec.Verify(token, BuildId).Status, Is.EqualTo(VerificationStatus.Valid));
    }

    [Test]
    public void Verify_Expired_KeepsClaimsAndSaysWhen()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);
        clock.Advance(Lifetime);

        var result = codec.Verify(token, BuildId);

        Assert.That(result.Claims!.UserId, Is.EqualTo(UserId));
        Assert.That(result.Reason, Does.Contain("2026-03-01T16:00:00.0000000+00:00"));
    }

    [TestCase(null)]
    [TestCase("")]
    public void Verify_NoToken_ReturnsMissing(string? token)
    {
        var result = codec.Verify(token, BuildId);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Missing));
        Assert.That(result.Claims, Is.Null);
    }

    [Test]
    public void Verify_EveryMalformedShape_ReturnsMalformed()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);
        var kid = keyRing.CurrentKeyId;
        var expiry = Seconds(Start + Lifetime);
        var mac = token[(token.LastIndexOf('.') + 1)..];

        // Each shape is signed with the real token key where it has a MAC field, so only the layout rules can reject it.
        var shapes = new Dictionary<string, string>
        {
            ["five fields"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "101", "7")),
            ["seven fields"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "101", "7", expiry, "x")),
            ["empty field"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "", "7", expiry)),
            ["trailing dot"] = token + ".",
            ["leading dot"] = "." + token,
            ["only dots"] = ".....",
            ["version v2"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v2", kid, "101", "7", expiry)),
            ["version V1"] = Sign(keyRing, SignedValuePurpose.Token, Payload("V1", kid, "101", "7", expiry)),
            ["version v01"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v01", kid, "101", "7", expiry)),
            ["upper-case key id"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", "ABCDEF12", "101", "7", expiry)),
            ["short key id"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid[..7], "101", "7", expiry)),
            ["long key id"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid + "0", "101", "7", expiry)),
            ["non-hex key id"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", "0123456g", "101", "7", expiry)),
            ["plus sign"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "+101", "7", expiry)),
            ["minus sign"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "-101", "7", expiry)),
            ["leading zero"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "0101", "7", expiry)),
            ["zero build"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "0", "7", expiry)),
            ["zero user"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "101", "0", expiry)),
            ["leading zero user"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "101", "07", expiry)),
            ["space in id"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, " 101", "7", expiry)),
            ["exponent"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "1e3", "7", expiry)),
            ["hex id"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "0x65", "7", expiry)),
            ["11-digit build"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "10000000101", "7", expiry)),
            ["build above int32"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "2147483648", "7", expiry)),
            ["user above int32"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "101", "9999999999", expiry)),
            ["Arabic-Indic digits"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "\u0661\u0660\u0661", "7", expiry)),
            ["full-width digits"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "\uFF11\uFF10\uFF11", "7", expiry)),
            ["11-digit expiry"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "101", "7", "1" + expiry)),
            ["zero expiry"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "101", "7", "0")),
            ["leading zero expiry"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "101", "7", "0" + expiry)),
            ["negative expiry"] = Sign(keyRing, SignedValuePurpose.Token, Payload("v1", kid, "101", "7", "-" + expiry)),
            ["truncated MAC"] = token[..^1],
            ["MAC one too long"] = token + "A",
            ["padded MAC"] = token + "=",
            ["standard base64 MAC"] = token[..^1] + "+",
            ["slash in MAC"] = token[..^1] + "/",
            ["non-ASCII in MAC"] = token[..^1] + "\u00E9",
            ["empty MAC"] = token[..(token.Length - mac.Length)],
            ["space before"] = " " + token,
            ["newline after"] = token + "\n",
            ["NUL inside"] = token.Insert(3, "\0"),
            ["over 256 characters"] = token + new string('A', 256),
            ["comma separators"] = token.Replace('.', ','),
        };

        Assert.Multiple(() =>
        {
            foreach (var (shape, value) in shapes)
            {
                var result = codec.Verify(value, BuildId);
                Assert.That(result.Status, Is.EqualTo(VerificationStatus.Malformed), shape);
                Assert.That(result.Claims, Is.Null, shape);
            }
        });
    }

    [Test]
    public void Verify_MalformedReason_NeverContainsToken()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);
        var mac = token[(token.LastIndexOf('.') + 1)..];

        var results = new[]
        {
            codec.Verify(token + "=", BuildId),
            codec.Verify(token[..^1] + "X", BuildId),
            codec.Verify("secret-looking-text", BuildId),
        };

        foreach (var result in results)
        {
            Assert.That(result.Reason, Does.Not.Contain(mac[..10]));
            Assert.That(result.Reason, Does.Not.Contain("secret-looking"));
        }
    }

    [Test]
    public void Verify_AlteredField_ReturnsBadSignature()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);

        var otherUser = token.Replace(".101.7.", ".101.8.", StringComparison.Ordinal);
        var otherBuild = token.Replace(".101.7.", ".102.7.", StringComparison.Ordinal);

        Assert.That(codec.Verify(otherUser, BuildId).Status, Is.EqualTo(VerificationStatus.BadSignature));
        Assert.That(codec.Verify(otherBuild, 102).Status, Is.EqualTo(VerificationStatus.BadSignature));
    }

    [Test]
    public void Verify_EveryAlteredMacCharacter_ReturnsBadSignature()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);
        var macStart = token.LastIndexOf('.') + 1;

        Assert.Multiple(() =>
        {
            for (var i = macStart; i < token.Length; i++)
            {
                foreach (var replacement in "AQgw-_09az")
                {
                    if (replacement == token[i])
                    {
                        continue;
                    }

                    var altered = token[..i] + replacement + token[(i + 1)..];
                    Assert.That(codec.Verify(altered, BuildId).Status, Is.EqualTo(VerificationStatus.BadSignature), $"position {i}");
                }
            }
        });
    }

    [Test]
    public void Verify_TokenLayoutSignedWithTicketKey_ReturnsBadSignature()
    {
        var payload = Payload("v1", keyRing.CurrentKeyId, "101", "7", Seconds(Start + Lifetime));
        var signedAsTicket = Sign(keyRing, SignedValuePurpose.Ticket, payload);

        Assert.That(codec.Verify(signedAsTicket, BuildId).Status, Is.EqualTo(VerificationStatus.BadSignature));
    }

    [Test]
    public void Verify_Ticket_IsRejected()
    {
        var tickets = new TicketCodec(keyRing, new TicketReplayGuard(clock, new RecordingLogger<TicketReplayGuard>()), clock);
        var ticket = tickets.Issue(BuildId, UserId, TicketCodec.MaxLifetime);

        var result = codec.Verify(ticket, BuildId);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Malformed));
    }

    [Test]
    public void Verify_TokenOfOtherSecret_ReturnsUnknownKey()
    {
        var otherCodec = new AccessTokenCodec(new KeyRing(OtherSecret), clock);
        var token = otherCodec.Issue(BuildId, UserId, Lifetime);

        var result = codec.Verify(token, BuildId);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.UnknownKey));
        Assert.That(result.Reason, Does.Contain(new KeyRing(OtherSecret).CurrentKeyId));
    }

    [Test]
    public void Verify_CurrentKeyIdWithOtherSecretsMac_ReturnsBadSignature()
    {
        var payload = Payload("v1", keyRing.CurrentKeyId, "101", "7", Seconds(Start + Lifetime));
        var forged = Sign(new KeyRing(OtherSecret), SignedValuePurpose.Token, payload);

        Assert.That(codec.Verify(forged, BuildId).Status, Is.EqualTo(VerificationStatus.BadSignature));
    }

    [Test]
    public void VerifyAny_ForgedDuplicateFirst_ReturnsValid()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);
        var forged = token[..^2] + (token[^2] == 'A' ? "BB" : "AA");

        var result = codec.VerifyAny([forged, "garbage", token], BuildId);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Valid));
    }

    [Test]
    public void VerifyAny_OnlyForged_ReturnsFirstFailure()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);
        var forged = token[..^2] + (token[^2] == 'A' ? "BB" : "AA");

        var result = codec.VerifyAny([forged, "garbage"], BuildId);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.BadSignature));
    }

    [Test]
    public void VerifyAny_ExpiredAfterForged_ReportsExpired()
    {
        var token = codec.Issue(BuildId, UserId, Lifetime);
        clock.Advance(Lifetime);

        var result = codec.VerifyAny(["garbage", token], BuildId);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Expired));
    }

    [Test]
    public void VerifyAny_Empty_ReturnsMissing()
    {
        Assert.That(codec.VerifyAny([], BuildId).Status, Is.EqualTo(VerificationStatus.Missing));
    }
}
