using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static RunbotVsCode.Auth.Tests.AuthTestValues;

namespace RunbotVsCode.Auth.Tests;

public class KeyRingTests
{
    private const long BuildId = 101;
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(4);

    private FakeTimeProvider clock = null!;

    [SetUp]
    public void SetUp() => clock = NewClock();

    [Test]
    public void CurrentKeyId_SameSecret_IsStableAcrossInstances()
    {
        var first = new KeyRing(Secret);
        var second = new KeyRing(Secret);

        Assert.That(first.CurrentKeyId, Does.Match("^[0-9a-f]{8}$"));
        Assert.That(second.CurrentKeyId, Is.EqualTo(first.CurrentKeyId));
    }

    [Test]
    public void CurrentKeyId_OtherSecret_Differs()
    {
        Assert.That(new KeyRing(OtherSecret).CurrentKeyId, Is.Not.EqualTo(new KeyRing(Secret).CurrentKeyId));
    }

    [Test]
    public void GetSigningKeys_Purposes_HaveDistinctKeys()
    {
        var keys = new KeyRing(Secret).GetSigningKeys();

        Assert.That(keys.GetKey(SignedValuePurpose.Token), Has.Length.EqualTo(32));
        Assert.That(keys.GetKey(SignedValuePurpose.Token), Is.Not.EqualTo(keys.GetKey(SignedValuePurpose.Ticket)));
    }

    [Test]
    public void Verify_ExtraSecretsToken_ReturnsValidWithItsKeyId()
    {
        var oldRing = new KeyRing(OtherSecret);
        var token = new AccessTokenCodec(oldRing, clock).Issue(BuildId, 7, Lifetime);
        var ring = new KeyRing(Secret, [ThirdSecret, OtherSecret], new RecordingLogger<KeyRing>());

        var result = new AccessTokenCodec(ring, clock).Verify(token, BuildId);

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(result.Claims!.KeyId, Is.EqualTo(oldRing.CurrentKeyId));
    }

    [Test]
    public void Issue_WithExtraSecrets_SignsWithCurrentSecret()
    {
        var ring = new KeyRing(Secret, [OtherSecret], new RecordingLogger<KeyRing>());

        var token = new AccessTokenCodec(ring, clock).Issue(BuildId, 7, Lifetime);

        Assert.That(new AccessTokenCodec(new KeyRing(Secret), clock).Verify(token, BuildId).Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(new AccessTokenCodec(new KeyRing(OtherSecret), clock).Verify(token, BuildId).Status, Is.EqualTo(VerificationStatus.UnknownKey));
    }

    [Test]
    public void UpdateCurrentSecret_NewSecret_InvalidatesOldTokensAndTickets()
    {
        var ring = new KeyRing(Secret);
        var tokens = new AccessTokenCodec(ring, clock);
        var tickets = new TicketCodec(ring, new TicketReplayGuard(clock, new RecordingLogger<TicketReplayGuard>()), clock);
        var token = tokens.Issue(BuildId, 7, Lifetime);
        var ticket = tickets.Issue(BuildId, 7, TicketCodec.MaxLifetime);

        var changed = ring.UpdateCurrentSecret(OtherSecret);

        Assert.That(changed, Is.True);
        Assert.That(tokens.Verify(token, BuildId).Status, Is.EqualTo(VerificationStatus.UnknownKey));
        Assert.That(tickets.Redeem(ticket, BuildId).Status, Is.EqualTo(VerificationStatus.UnknownKey));
        Assert.That(tokens.Verify(tokens.Issue(BuildId, 7, Lifetime), BuildId).Status, Is.EqualTo(VerificationStatus.Valid));
    }

    [Test]
    public void UpdateCurrentSecret_SameSecret_ReturnsFalseAndKeepsTokensValid()
    {
        var logger = new RecordingLogger<KeyRing>();
        var ring = new KeyRing(Secret, [], logger);
        var tokens = new AccessTokenCodec(ring, clock);
        var token = tokens.Issue(BuildId, 7, Lifetime);

        var changed = ring.UpdateCurrentSecret(Secret);

        Assert.That(changed, Is.False);
        Assert.That(tokens.Verify(token, BuildId).Status, Is.EqualTo(VerificationStatus.Valid));
        Assert.That(logger.Entries.Select(entry => entry.EventId.Id), Is.EqualTo(new[] { 3001 }));
    }

    [Test]
    public void UpdateCurrentSecret_PreviousSecretListedAsExtra_KeepsOldTokensValid()
    {
        var ring = new KeyRing(Secret, [Secret], new RecordingLogger<KeyRing>());
        var tokens = new AccessTokenCodec(ring, clock);
        var token = tokens.Issue(BuildId, 7, Lifetime);

        ring.UpdateCurrentSecret(OtherSecret);

        Assert.That(tokens.Verify(token, BuildId).Status, Is.EqualTo(VerificationStatus.Valid));
    }

    [Test]
    public void UpdateCurrentSecret_Changed_LogsBothKeyIdsAndNoSecret()
    {
        var logger = new RecordingLogger<KeyRing>();
        var ring = new KeyRing(Secret, [], logger);
        var previousKeyId = ring.CurrentKeyId;

        ring.UpdateCurrentSecret(OtherSecret);

        var entry = logger.Entries[^1];
        Assert.That(entry.EventId.Id, Is.EqualTo(3002));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.Values["PreviousKeyId"], Is.EqualTo(previousKeyId));
        Assert.That(entry.Values["KeyId"], Is.EqualTo(ring.CurrentKeyId));
        Assert.That(logger.Entries.Select(e => e.Message), Has.None.Contain(Secret).And.None.Contain(OtherSecret));
    }

    [Test]
    public void VerificationKeyIds_Duplicates_AreListedOnce()
    {
        var ring = new KeyRing(Secret, [Secret, OtherSecret, OtherSecret, Secret], new RecordingLogger<KeyRing>());

        Assert.That(ring.VerificationKeyIds, Is.EqualTo(new[] { ring.CurrentKeyId, new KeyRing(OtherSecret).CurrentKeyId }));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("short-secret-15")]
    public void Constructor_WeakSecret_Throws(string secret)
    {
        Assert.That(() => new KeyRing(secret), Throws.ArgumentException);
        Assert.That(() => new KeyRing(Secret, [secret], new RecordingLogger<KeyRing>()), Throws.ArgumentException);
        Assert.That(() => new KeyRing(Secret).UpdateCurrentSecret(secret), Throws.ArgumentException);
    }

    [Test]
    public void Constructor_WeakSecret_DoesNotShowSecretInMessage()
    {
        var exception = Assert.Throws<ArgumentException>(() => new KeyRing("short-secret-15"));

        Assert.That(exception!.Message, Does.Not.Contain("short-secret-15"));
    }

    [Test]
    public void UpdateCurrentSecret_WhileVerifying_EveryResultMatchesOneSecret()
    {
        var ring = new KeyRing(Secret);
        var tokens = new AccessTokenCodec(ring, clock);
        var token = tokens.Issue(BuildId, 7, Lifetime);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<VerificationStatus>();

        var swapper = Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                ring.UpdateCurrentSecret(i % 2 == 0 ? OtherSecret : Secret);
            }
        });
        var verifier = Task.Run(() =>
        {
            while (!swapper.IsCompleted)
            {
                statuses.Add(tokens.Verify(token, BuildId).Status);
            }
        });
        Task.WaitAll(swapper, verifier);

        Assert.That(statuses, Is.All.AnyOf(VerificationStatus.Valid, VerificationStatus.UnknownKey));
        Assert.That(tokens.Verify(token, BuildId).Status, Is.EqualTo(VerificationStatus.Valid));
    }
}
