using System.Globalization;

namespace RunbotVsCode.Auth;

/// <summary>Issues and verifies signed values of one purpose; the steps that tokens and tickets share.</summary>
internal sealed class SignedValueCodec
{
    private readonly KeyRing keyRing;
    private readonly TimeProvider timeProvider;
    private readonly SignedValuePurpose purpose;
    private readonly string noun;

    public SignedValueCodec(KeyRing keyRing, TimeProvider timeProvider, SignedValuePurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(keyRing);
        ArgumentNullException.ThrowIfNull(timeProvider);

        this.keyRing = keyRing;
        this.timeProvider = timeProvider;
        this.purpose = purpose;
        noun = purpose == SignedValuePurpose.Ticket ? "ticket" : "access token";
    }

    /// <summary>Gets the current time from the injected clock.</summary>
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>
    /// Signs a value with the current key. The expiry is the current Unix second plus the lifetime rounded up
    /// to whole seconds, so the value lives between <paramref name="lifetime"/> and one second less.
    /// </summary>
    public string Issue(long buildId, long userId, TimeSpan lifetime, string? nonce)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buildId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(buildId, SignedValueFormat.MaxId);
        ArgumentOutOfRangeException.ThrowIfLessThan(userId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(userId, SignedValueFormat.MaxId);

        var expiry = Now.ToUnixTimeSeconds() + (long)Math.Ceiling(lifetime.TotalSeconds);
        var keys = keyRing.GetSigningKeys();
        var payload = SignedValueFormat.FormatPayload(keys.KeyId, buildId, userId, expiry, nonce);

        return SignedValueFormat.Join(payload, SignedValueMac.Compute(keys.GetKey(purpose), payload));
    }

    /// <summary>
    /// Verifies layout, key, MAC, build and expiry, in that order. A ticket's single use is left to the caller,
    /// which receives the parsed value for it.
    /// </summary>
    public VerificationResult Verify(string? text, long expectedBuildId, out ParsedSignedValue value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return VerificationResult.Missing($"No {noun} was presented.");
        }

        if (!SignedValueFormat.TryParse(text, purpose, out value, out var failure))
        {
            return VerificationResult.Malformed($"The {noun} is malformed. {failure}");
        }

        var macCheck = keyRing.CheckMac(purpose, value);
        if (macCheck != MacCheck.Match)
        {
            return RejectSignature(macCheck, value.KeyId);
        }

        return CheckClaims(value, expectedBuildId);
    }

    private VerificationResult RejectSignature(MacCheck macCheck, string keyId) => macCheck == MacCheck.UnknownKey
        ? new VerificationResult(VerificationStatus.UnknownKey, Format($"The {noun} was signed with key {keyId}, which is not configured."), null)
        : new VerificationResult(VerificationStatus.BadSignature, Format($"The {noun}'s MAC does not match key {keyId}."), null);

    private VerificationResult CheckClaims(in ParsedSignedValue value, long expectedBuildId)
    {
        var claims = new AccessClaims(value.KeyId, value.BuildId, value.UserId, value.ExpiresAt);
        if (claims.BuildId != expectedBuildId)
        {
            return new VerificationResult(
                VerificationStatus.WrongBuild,
                Format($"The {noun} of user {claims.UserId} is for build {claims.BuildId}, not build {expectedBuildId}."),
                claims);
        }

        if (Now >= claims.ExpiresAt)
        {
            return new VerificationResult(
                VerificationStatus.Expired,
                Format($"The {noun} of user {claims.UserId} for build {claims.BuildId} expired at {claims.ExpiresAt:O}."),
                claims);
        }

        return new VerificationResult(
            VerificationStatus.Valid,
            Format($"The {noun} of user {claims.UserId} for build {claims.BuildId} is valid until {claims.ExpiresAt:O}."),
            claims);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
