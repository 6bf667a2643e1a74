namespace RunbotVsCode.Auth;

/// <summary>One access decision, with what it is safe to log about it.</summary>
/// <param name="Result">The answer.</param>
/// <param name="Reason">Why, in words safe to log: ids and times, never a token.</param>
/// <param name="BuildId">The build asked for, when it could be read.</param>
/// <param name="UserId">The user the token names, when its signature matched.</param>
/// <param name="KeyId">The id of the key that signed the token, when its signature matched.</param>
public sealed record AccessDecision(AccessResult Result, string Reason, long? BuildId = null, long? UserId = null, string? KeyId = null);
