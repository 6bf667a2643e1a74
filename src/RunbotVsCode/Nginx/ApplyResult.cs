namespace RunbotVsCode.Nginx;

/// <summary>The outcome of applying a candidate config.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Message">nginx's message when it rejected the candidate or could not be reloaded; empty otherwise.</param>
/// <param name="Hash">The SHA-256 of the config nginx now serves from this file, in hex; null when none was ever applied.</param>
public sealed record ApplyResult(ApplyStatus Status, string Message, string? Hash);
