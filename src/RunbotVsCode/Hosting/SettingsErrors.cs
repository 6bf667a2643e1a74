using Microsoft.Extensions.Options;

namespace RunbotVsCode.Hosting;

/// <summary>Collects every invalid setting of a section, each naming its full key and the value received.</summary>
public sealed class SettingsErrors
{
    private readonly List<string> _failures = [];
    private readonly string _section;

    /// <summary>Initializes a collector for the settings of <paramref name="section"/>.</summary>
    public SettingsErrors(string section)
    {
        _section = section;
    }

    /// <summary>Records that <paramref name="key"/> holds an invalid value, with what is expected instead.</summary>
    public void Invalid(string key, object? value, string expected) =>
        _failures.Add($"{_section}:{key} is invalid: got {Quote(value)}; expected {expected}.");

    /// <summary>Records that the required <paramref name="key"/> is missing.</summary>
    public void Missing(string key, string hint) =>
        _failures.Add($"{_section}:{key} is missing: {hint}.");

    /// <summary>Returns the result for <see cref="IValidateOptions{TOptions}"/>: success when nothing was recorded.</summary>
    public ValidateOptionsResult ToResult() =>
        _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);

    private static string Quote(object? value) => value switch
    {
        null => "no value",
        string text => $"'{text}'",
        _ => $"'{value}'",
    };
}
