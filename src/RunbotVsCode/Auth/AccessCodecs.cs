namespace RunbotVsCode.Auth;

/// <summary>The token and ticket codecs on one key ring.</summary>
/// <param name="KeyRing">The key ring both codecs sign and verify with.</param>
/// <param name="Tokens">The codec of the per-build cookie's tokens.</param>
/// <param name="Tickets">The codec of the single-use tickets the open route mints.</param>
public sealed record AccessCodecs(KeyRing KeyRing, AccessTokenCodec Tokens, TicketCodec Tickets);
