namespace RunbotVsCode.Nginx;

/// <summary>The outcome of <c>nginx -t</c>.</summary>
/// <param name="Passed">Whether nginx accepted the config.</param>
/// <param name="Output">What nginx printed, trimmed.</param>
public sealed record NginxTestResult(bool Passed, string Output);
