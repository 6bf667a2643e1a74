using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace RunbotVsCode.Layers;

/// <summary>
/// Checks <see cref="LayerOptions"/> against strict patterns, because every value ends up in Dockerfile text that
/// runbot builds as root: no spaces, quotes, braces (runbot placeholders) or shell characters get through.
/// </summary>
public sealed partial class LayerOptionsValidator : IValidateOptions<LayerOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, LayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        Check(failures, "Version", options.Version, VersionPattern(), "a release number such as 4.104.0");
        if (!string.IsNullOrEmpty(options.Sha256))
        {
            Check(failures, "Sha256", options.Sha256, Sha256Pattern(), "64 hexadecimal digits");
        }

        CheckCacheDuration(failures, options.CacheDuration);
        CheckList(failures, "CliTools", options.CliTools, NpmPackagePattern(), "an npm package name such as @openai/codex, optionally with @version");
        CheckList(failures, "Extensions", options.Extensions, ExtensionPattern(), "an extension id publisher.name, optionally with @1.2.3");
        if (options.CliTools.Count > 0 && !options.NodeJs)
        {
            failures.Add($"{SectionKey("CliTools")} needs npm: set {SectionKey("NodeJs")} to true.");
        }

        CheckRunbotUser(failures, options);
        if (options.WriteUid <= 0)
        {
            failures.Add($"{SectionKey("WriteUid")} is invalid: got '{options.WriteUid}', expected a positive res_users id.");
        }

        if (string.IsNullOrWhiteSpace(options.TemplatePath))
        {
            failures.Add($"{SectionKey("TemplatePath")} is missing: set the path of the code-server layer template.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns whether <paramref name="version"/> is a code-server release number such as <c>4.104.0</c>.</summary>
    public static bool IsValidVersion(string? version) => version is not null && VersionPattern().IsMatch(version);

    private static void CheckRunbotUser(List<string> failures, LayerOptions options)
    {
        if (options.RunbotUid is < 0)
        {
            failures.Add($"{SectionKey("RunbotUid")} is invalid: got '{options.RunbotUid}', expected a uid of 0 or more.");
        }

        if (options.RunbotGid is < 0)
        {
            failures.Add($"{SectionKey("RunbotGid")} is invalid: got '{options.RunbotGid}', expected a gid of 0 or more.");
        }

        if (options.RunbotUserName is not null)
        {
            Check(failures, "RunbotUserName", options.RunbotUserName, UserNamePattern(), "a user name of letters, digits, '_', '.' or '-'");
        }
    }

    private static void CheckCacheDuration(List<string> failures, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration.Ticks % TimeSpan.TicksPerSecond != 0 || duration.TotalSeconds > int.MaxValue)
        {
            failures.Add($"{SectionKey("CacheDuration")} is invalid: got '{duration}', expected a positive whole number of seconds.");
        }
    }

    private static void CheckList(List<string> failures, string key, List<string>? values, Regex pattern, string expected)
    {
        if (values is null)
        {
            return;
        }

        for (var index = 0; index < values.Count; index++)
        {
            Check(failures, $"{key}:{index}", values[index], pattern, expected);
        }
    }

    private static void Check(List<string> failures, string key, string? value, Regex pattern, string expected)
    {
        if (value is null || !pattern.IsMatch(value))
        {
            failures.Add($"{SectionKey(key)} is invalid: got '{value}', expected {expected}.");
        }
    }

    private static string SectionKey(string key) => $"{LayerOptions.SectionName}:{key}";

    [GeneratedRegex(@"\A[0-9]{1,4}\.[0-9]{1,4}\.[0-9]{1,4}\z")]
    private static partial Regex VersionPattern();

    // The portable user names of POSIX, which useradd accepts; at most 32 characters, as on Linux.
    [GeneratedRegex(@"\A[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\z")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"\A[0-9a-fA-F]{64}\z")]
    private static partial Regex Sha256Pattern();

    // npm names are lowercase URL-safe words with an optional @scope/; the version or tag after @ is kept to
    // characters that have no meaning to sh (no ^, ~, <, >, *, |).
    [GeneratedRegex(@"\A(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*(@[A-Za-z0-9][A-Za-z0-9.+-]*)?\z")]
    private static partial Regex NpmPackagePattern();

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9-]*\.[A-Za-z0-9][A-Za-z0-9_-]*(@[0-9]+\.[0-9]+\.[0-9]+)?\z")]
    private static partial Regex ExtensionPattern();
}
