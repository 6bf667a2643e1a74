namespace RunbotVsCode.Auth;

/// <summary>The fields of a signed value whose layout is valid but whose MAC is not checked yet.</summary>
/// <param name="Text">The whole value as received.</param>
/// <param name="KeyId">The key id field, 8 lowercase hex digits.</param>
/// <param name="BuildId">The build id field.</param>
/// <param name="UserId">The user id field.</param>
/// <param name="ExpiresAtUnixSeconds">The expiry field, in seconds since the Unix epoch.</param>
/// <param name="Nonce">The nonce field of a ticket; null for an access token.</param>
/// <param name="PayloadLength">The length of the signed text, everything before the last dot.</param>
internal readonly record struct ParsedSignedValue(
    string Text,
    string KeyId,
    long BuildId,
    long UserId,
    long ExpiresAtUnixSeconds,
    string? Nonce,
    int PayloadLength)
{
    /// <summary>Gets the signed text: every field but the MAC, with their dots.</summary>
    public ReadOnlySpan<char> Payload => Text.AsSpan(0, PayloadLength);

    /// <summary>Gets the MAC field, base64url without padding.</summary>
    public ReadOnlySpan<char> Mac => Text.AsSpan(PayloadLength + 1);

    /// <summary>Gets the expiry as a point in time.</summary>
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(ExpiresAtUnixSeconds);
}
