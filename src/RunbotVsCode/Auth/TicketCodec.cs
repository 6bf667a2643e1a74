using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace RunbotVsCode.Auth;

/// <summary>
/// Issues and redeems tickets: single-use values, alive at most <see cref="MaxLifetime"/>, that carry a user's
/// access from the runbot main host to a build's VS Code host, where they are exchanged for an access token.
/// The format is described in <c>docs/token-format.md</c>.
/// </summary>
public sealed class TicketCodec
{
    /// <summary>The longest lifetime of a ticket; <see cref="Issue"/> shortens a longer request to it.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How far the clock of the issuing instance may run ahead of the redeeming one. A ticket whose expiry lies
    /// further ahead than <see cref="MaxLifetime"/> plus this is rejected, which bounds how long
    /// <see cref="TicketReplayGuard"/> has to remember it.
    /// </summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(60);

    private readonly SignedValueCodec codec;
    private readonly TicketReplayGuard replayGuard;

    /// <summary>Creates a codec that signs with the key ring's current key and records used tickets in <paramref name="replayGuard"/>.</summary>
    public TicketCodec(KeyRing keyRing, TicketReplayGuard replayGuard, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(replayGuard);

        codec = new SignedValueCodec(keyRing, timeProvider, SignedValuePurpose.Ticket);
        this.replayGuard = replayGuard;
    }

    /// <summary>Issues a ticket for <paramref name="userId"/> to open <paramref name="buildId"/>, with a random 128-bit nonce.</summary>
    /// <param name="buildId">The build id, from 1 to 2147483647.</param>
    /// <param name="userId">The runbot user id (<c>res_users.id</c>), from 1 to 2147483647.</param>
    /// <param name="lifetime">How long the ticket is accepted, at least one second; anything above <see cref="MaxLifetime"/> is cut to it.</param>
    /// <returns>The ticket, at most 111 ASCII characters from <c>[A-Za-z0-9._-]</c>, usable in a query string as is.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id is out of range or the lifetime is under one second.</exception>
    public string Issue(long buildId, long userId, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, AccessTokenCodec.MinLifetime);

        var capped = lifetime > MaxLifetime ? MaxLifetime : lifetime;
        Span<byte> nonce = stackalloc byte[SignedValueFormat.NonceByteCount];
        RandomNumberGenerator.Fill(nonce);

        return codec.Issue(buildId, userId, capped, Base64Url.EncodeToString(nonce));
    }

    /// <summary>
    /// Verifies a ticket for <paramref name="buildId"/> and marks it used. Exactly one of several concurrent
    /// calls with the same ticket returns <see cref="VerificationStatus.Valid"/>; the others return
    /// <see cref="VerificationStatus.AlreadyUsed"/>. A ticket rejected for any other reason is not marked used.
    /// </summary>
    /// <param name="ticket">The ticket as presented, or null when there was none.</param>
    /// <param name="buildId">The build whose host received the ticket.</param>
    public VerificationResult Redeem(string? ticket, long buildId)
    {
        var result = codec.Verify(ticket, buildId, out var value);
        if (!result.IsValid)
        {
            return result;
        }

        var latestExpiry = codec.Now + MaxLifetime + MaxClockSkew;
        if (value.ExpiresAt > latestExpiry)
        {
            return VerificationResult.Malformed(Format(
                $"The ticket of user {value.UserId} for build {value.BuildId} expires at {value.ExpiresAt:O}, later than a ticket's lifetime and the clock skew allow."));
        }

        return replayGuard.TryConsume(value.Nonce!, value.ExpiresAt) switch
        {
            TicketConsumption.Consumed => result,
            TicketConsumption.Expired => result with { Status = VerificationStatus.Expired, Reason = Format($"The ticket of user {value.UserId} for build {value.BuildId} expired at {value.ExpiresAt:O}.") },
            TicketConsumption.CapacityReached => result with { Status = VerificationStatus.AlreadyUsed, Reason = Format($"The ticket of user {value.UserId} for build {value.BuildId} was rejected because too many tickets are in use; retry within a minute.") },
            _ => result with { Status = VerificationStatus.AlreadyUsed, Reason = Format($"The ticket of user {value.UserId} for build {value.BuildId} was already used.") },
        };
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
