namespace RunbotVsCode.Auth;

/// <summary>What a signed value grants; each purpose has its own key, so one can never stand in for the other.</summary>
internal enum SignedValuePurpose
{
    /// <summary>An access token carried in the cookie and checked on every request.</summary>
    Token,

    /// <summary>A single-use ticket exchanged for an access token.</summary>
    Ticket,
}
