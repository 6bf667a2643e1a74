using Microsoft.Extensions.Time.Testing;
using static RunbotVsCode.Auth.Tests.AuthTestValues;

namespace RunbotVsCode.Auth.Tests;

public class TicketCodecTests
{
    private const long BuildId = 101;
    private const long UserId = 7;

    private FakeTimeProvider clock = null!;
    private KeyRing keyRing = null!;
    private TicketReplayGuard replayGuard = null!;
    private TicketCodec codec = null!;

    [SetUp]
    public void SetUp()
    {
        clock = NewClock();
        keyRing = new KeyRing(Secret);
        replayGuard = new TicketReplayGuard(clock, new RecordingLogger<TicketReplayGuard>());
        codec = new TicketCodec(keyRing, replayGuard, clock);
    }

    [Test]
    public void Issue_ThenRedeem_ReturnsValidWithClaims()
    {
        var ticket = codec.Issue(BuildId, UserId, TimeSpan.FromSeconds(30));

        var result = codec.Redeem(ticket, BuildId);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(result.Claims, Is.EqualTo(new AccessClaims(keyRing.CurrentKeyId, BuildId, UserId, Start.AddSeconds(30))));
    }

    [Test]
    public void Issue_Always_FollowsDocumentedLayout()
    {
        var ticket = codec.Issue(BuildId, UserId, TicketCodec.MaxLifetime);

        var expected = $"^v1\\.{keyRing.CurrentKeyId}\\.101\\.7\\.{Seconds(Start.AddSeconds(60))}\\.[A-Za-z0-9_-]{{22}}\\.[A-Za-z0-9_-]{{43}}$";
        Assert.That(ticket, Does.Match(expected));
    }

    [Test]
    public void Issue_LargestIds_StaysWithinDocumentedLength()
    {
        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(SignedValueFormat.MaxExpiryUnixSeconds) - TicketCodec.MaxLifetime);

        var ticket = codec.Issue(int.MaxValue, int.MaxValue, TicketCodec.MaxLifetime);

        Assert.That(ticket, Has.Length.EqualTo(111));
        Assert.That(codec.Redeem(ticket, int.MaxValue).Status, Is.EqualTo(VerificationStatus.Valid));
    }

    [Test]
    public void Issue_TwoTickets_HaveDistinctNonces()
    {
        var first = codec.Issue(BuildId, UserId, TicketCodec.MaxLifetime);
        var second = codec.Issue(BuildId, UserId, TicketCodec.MaxLifetime);

        Assert.That(first.Split('.')[5], Is.Not.EqualTo(second.Split('.')[5]));
    }

    [Test]
    public void Issue_LongerLifetime_IsCappedAtSixtySeconds()
    {
        var ticket = codec.Issue(BuildId, UserId, TimeSpan.FromHours(4));

        var claims = codec.Redeem(ticket, BuildId).Claims;

        Assert.That(claims!.ExpiresAt, Is.EqualTo(Start.AddSeconds(60)));
    }

    [Test]
    public void Issue_SubSecondLifetime_Throws()
    {
        Assert.That(() => codec.Issue(BuildId, UserId, TimeSpan.FromMilliseconds(999)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Redeem_SecondTime_ReturnsAlreadyUsed()
    {
        var ticket = codec.Issue(BuildId, UserId, TicketCodec.MaxLifetime);
        codec.Redeem(ticket, BuildId);

        var result = codec.Redeem(ticket, BuildId);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.AlreadyUsed));
        Assert.That(result.Claims!.UserId, Is.EqualTo(UserId));
    }

    [Test]
    public void Redeem_OtherBuild_ReturnsWrongBuildAndKeepsTicketUnused()
    {
        var ticket = codec.Issue(BuildId, UserId, TicketCodec.MaxLifetime);

        var wrong = codec.Redeem(ticket, 102);
        var right = codec.Redeem(ticket, BuildId);

        Assert.That(wrong.Status, Is.EqualTo(VerificationStatus.WrongBuild));
        Assert.That(right.Status, Is.EqualTo(VerificationStatus.Valid));
    }

    [TestCase(59, VerificationStatus.Valid)]
    [TestCase(60, VerificationStatus.Expired)]
    [TestCase(61, VerificationStatus.Expired)]
    public void Redeem_AroundExpiry_AcceptsOnlyBefore(int secondsAfterIssue, VerificationStatus expected)
    {
        var ticket = codec.Issue(BuildId, UserId, TimeSpan.FromHours(1));

        clock.Advance(TimeSpan.FromSeconds(secondsAfterIssue));

        Assert.That(codec.Redeem(ticket, BuildId).Status, Is.EqualTo(expected));
    }

    [Test]
    public void Redeem_Expired_IsNotRecorded()
    {
        var ticket = codec.Issue(BuildId, UserId, TicketCodec.MaxLifetime);
        clock.Advance(TicketCodec.MaxLifetime);

        codec.Redeem(ticket, BuildId);

        Assert.That(replayGuard.Count, Is.Zero);
    }

    [TestCase(120, VerificationStatus.Valid)]
    [TestCase(121, VerificationStatus.Malformed)]
    [TestCase(86400, VerificationStatus.Malformed)]
    public void Redeem_ExpiryFarAhead_IsRejectedBeyondLifetimeAndSkew(int secondsAhead, VerificationStatus expected)
    {
        var payload = Payload("v1", keyRing.CurrentKeyId, "101", "7", Seconds(Start.AddSeconds(secondsAhead)), "AAAAAAAAAAAAAAAAAAAAAA");
        var ticket = Sign(keyRing, SignedValuePurpose.Ticket, payload);

        Assert.That(codec.Redeem(ticket, BuildId).Status, Is.EqualTo(expected));
    }

    [Test]
    public void Redeem_TicketLayoutSignedWithTokenKey_ReturnsBadSignature()
    {
        var payload = Payload("v1", keyRing.CurrentKeyId, "101", "7", Seconds(Start.AddSeconds(60)), "AAAAAAAAAAAAAAAAAAAAAA");
        var signedAsToken = Sign(keyRing, SignedValuePurpose.Token, payload);

        Assert.That(codec.Redeem(signedAsToken, BuildId).Status, Is.EqualTo(VerificationStatus.BadSignature));
    }

    [Test]
    public void Redeem_AccessToken_IsRejected()
    {
        var token = new AccessTokenCodec(keyRing, clock).Issue(BuildId, UserId, TimeSpan.FromHours(4));

        Assert.That(codec.Redeem(token, BuildId).Status, Is.EqualTo(VerificationStatus.Malformed));
    }

    [Test]
    public void Redeem_MalformedNonce_ReturnsMalformed()
    {
        var kid = keyRing.CurrentKeyId;
        var expiry = Seconds(Start.AddSeconds(60));
        var nonces = new[] { "AAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAA+", "AAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAA\u00E9", string.Empty };

        Assert.Multiple(() =>
        {
            foreach (var nonce in nonces)
            {
                var ticket = Sign(keyRing, SignedValuePurpose.Ticket, Payload("v1", kid, "101", "7", expiry, nonce));
                Assert.That(codec.Redeem(ticket, BuildId).Status, Is.EqualTo(VerificationStatus.Malformed), nonce);
            }
        });
    }

    [Test]
    public void Redeem_AlteredNonce_ReturnsBadSignature()
    {
        var ticket = codec.Issue(BuildId, UserId, TicketCodec.MaxLifetime);
        var fields = ticket.Split('.');
        fields[5] = (fields[5][0] == 'A' ? "B" : "A") + fields[5][1..];

        Assert.That(codec.Redeem(string.Join('.', fields), BuildId).Status, Is.EqualTo(VerificationStatus.BadSignature));
    }

    [Test]
    public void Redeem_ManyConcurrentCalls_ExactlyOneSucceeds()
    {
        const int CallCount = 64;
        var ticket = codec.Issue(BuildId, UserId, TicketCodec.MaxLifetime);
        using var start = new Barrier(CallCount);

        var results = new VerificationResult[CallCount];
        var threads = Enumerable.Range(0, CallCount).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            results[i] = codec.Redeem(ticket, BuildId);
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.That(results.Count(result => result.Status == VerificationStatus.Valid), Is.EqualTo(1));
        Assert.That(results.Count(result => result.Status == VerificationStatus.AlreadyUsed), Is.EqualTo(CallCount - 1));
    }

    [Test]
    public void Redeem_ManyTicketsInParallel_EachSucceedsOnce()
    {
        var tickets = Enumerable.Range(0, 500).Select(i => codec.Issue(BuildId, UserId, TicketCodec.MaxLifetime)).ToArray();
        var attempts = tickets.Concat(tickets).Concat(tickets).ToArray();

        var validCount = 0;
        Parallel.ForEach(attempts, ticket =>
        {
            if (codec.Redeem(ticket, BuildId).IsValid)
            {
                Interlocked.Increment(ref validCount);
            }
        });

        Assert.That(validCount, Is.EqualTo(tickets.Length));
    }
}
