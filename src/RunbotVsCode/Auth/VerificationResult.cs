namespace RunbotVsCode.Auth;

/// <summary>The outcome of verifying an access token or a ticket, with a reason that is safe to log.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Reason">
/// A sentence explaining the outcome. It never contains the value itself, only numbers and key ids
/// read from it, so it can be logged.
/// </param>
/// <param name="Claims">
/// The claims once the MAC has matched: set for <see cref="VerificationStatus.Valid"/>, <see cref="VerificationStatus.Expired"/>,
/// <see cref="VerificationStatus.WrongBuild"/> and <see cref="VerificationStatus.AlreadyUsed"/>, and null otherwise.
/// </param>
public sealed record VerificationResult(VerificationStatus Status, string Reason, AccessClaims? Claims)
{
    /// <summary>Gets whether access is granted.</summary>
    public bool IsValid => Status == VerificationStatus.Valid;

    internal static VerificationResult Missing(string reason) => new(VerificationStatus.Missing, reason, null);

    internal static VerificationResult Malformed(string reason) => new(VerificationStatus.Malformed, reason, null);
}
