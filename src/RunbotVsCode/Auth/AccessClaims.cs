namespace RunbotVsCode.Auth;

/// <summary>What an authentic access token or ticket states.</summary>
/// <param name="KeyId">The id of the key that signed the value.</param>
/// <param name="BuildId">The build the value grants access to.</param>
/// <param name="UserId">The runbot user (<c>res_users.id</c>) it was issued to.</param>
/// <param name="ExpiresAt">When the value stops being accepted, to the second.</param>
public sealed record AccessClaims(string KeyId, long BuildId, long UserId, DateTimeOffset ExpiresAt);
