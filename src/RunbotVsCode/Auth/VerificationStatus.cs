namespace RunbotVsCode.Auth;

/// <summary>The outcome of verifying an access token or a ticket.</summary>
public enum VerificationStatus
{
    /// <summary>The value is authentic, unexpired, for the expected build and, for a ticket, used for the first time.</summary>
    Valid,

    /// <summary>No value was presented.</summary>
    Missing,

    /// <summary>The value does not follow the format: field count, version, digits, lengths or characters.</summary>
    Malformed,

    /// <summary>The key id is known but the MAC does not match, or the value is of the other purpose.</summary>
    BadSignature,

    /// <summary>No key has the value's key id, for instance because <c>database.secret</c> changed.</summary>
    UnknownKey,

    /// <summary>The value's expiry has passed.</summary>
    Expired,

    /// <summary>The value is authentic but was issued for another build.</summary>
    WrongBuild,

    /// <summary>The ticket was already exchanged, or this instance cannot record another used ticket now.</summary>
    AlreadyUsed,
}
