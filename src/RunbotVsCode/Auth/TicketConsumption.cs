namespace RunbotVsCode.Auth;

/// <summary>The outcome of recording a ticket's nonce as used.</summary>
public enum TicketConsumption
{
    /// <summary>The nonce was not seen before and is now recorded; the ticket may be exchanged.</summary>
    Consumed,

    /// <summary>The nonce was already recorded: the ticket was used before.</summary>
    AlreadyUsed,

    /// <summary>The ticket expired before its nonce could be recorded.</summary>
    Expired,

    /// <summary>The guard holds its maximum number of unexpired nonces; the ticket is rejected so that no replay can slip through.</summary>
    CapacityReached,
}
