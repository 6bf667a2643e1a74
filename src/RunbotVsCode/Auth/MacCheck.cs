namespace RunbotVsCode.Auth;

/// <summary>The outcome of checking a value's MAC against the key ring.</summary>
internal enum MacCheck
{
    /// <summary>A key with the value's key id produced the same MAC.</summary>
    Match,

    /// <summary>Keys with the value's key id exist, but none produced the same MAC.</summary>
    Mismatch,

    /// <summary>No key has the value's key id.</summary>
    UnknownKey,
}
