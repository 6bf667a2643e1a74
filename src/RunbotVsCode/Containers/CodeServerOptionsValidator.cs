using Microsoft.Extensions.Options;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Containers;

/// <summary>Checks the <c>CodeServer</c> section, and the <c>Upstream</c> socket path that code-server listens on.</summary>
internal sealed class CodeServerOptionsValidator : IValidateOptions<CodeServerOptions>
{
    private readonly IOptions<UpstreamOptions> _upstream;

    public CodeServerOptionsValidator(IOptions<UpstreamOptions> upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        _upstream = upstream;
    }

    public ValidateOptionsResult Validate(string? name, CodeServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        var section = CodeServerOptions.SectionName;
        if (options.StartTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(options.StartTimeout)} must be positive; got {options.StartTimeout}.");
        }

        if (options.IdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(options.IdleTimeout)} must be positive or unset; got {idle}.");
        }

        if (options.ReadinessPollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(options.ReadinessPollInterval)} must be positive; got {options.ReadinessPollInterval}.");
        }

        if (!IsOctalMode(options.SocketMode))
        {
            failures.Add($"{section}:{nameof(options.SocketMode)} must be an octal file mode such as 660; got '{options.SocketMode}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Binary))
        {
            failures.Add($"{section}:{nameof(options.Binary)} must name the code-server program; got '{options.Binary}'.");
        }

        if (options.OutputTailLines is < 1 or > 1000)
        {
            failures.Add($"{section}:{nameof(options.OutputTailLines)} must be between 1 and 1000; got {options.OutputTailLines}.");
        }

        AddPathFailures(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void AddPathFailures(CodeServerOptions options, List<string> failures)
    {
        var section = CodeServerOptions.SectionName;
        if (!options.StateDirectory.StartsWith('/'))
        {
            failures.Add($"{section}:{nameof(options.StateDirectory)} must be an absolute container path; got '{options.StateDirectory}'.");
        }

        if (!options.Workspace.StartsWith('/'))
        {
            failures.Add($"{section}:{nameof(options.Workspace)} must be an absolute container path; got '{options.Workspace}'.");
        }

        // The host reaches the socket through the build folder, so it must lie inside the mounted folder.
        var socketPath = _upstream.Value.ContainerSocketPath;
        var buildFolder = CodeServerUpstreamResolver.ContainerBuildFolder + "/";
        if (!socketPath.StartsWith(buildFolder, StringComparison.Ordinal) || socketPath.Contains("/../", StringComparison.Ordinal) || socketPath.EndsWith('/'))
        {
            failures.Add($"{UpstreamOptions.SectionName}:{nameof(UpstreamOptions.ContainerSocketPath)} must be a file under {buildFolder}; got '{socketPath}'.");
        }
    }

    private static bool IsOctalMode(string? mode) =>
        mode is { Length: >= 3 and <= 4 } && mode.All(digit => digit is >= '0' and <= '7');
}
