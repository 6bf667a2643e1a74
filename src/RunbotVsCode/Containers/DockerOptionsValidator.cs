using Microsoft.Extensions.Options;

namespace RunbotVsCode.Containers;

/// <summary>Checks the <c>Docker</c> section.</summary>
internal sealed class DockerOptionsValidator : IValidateOptions<DockerOptions>
{
    public ValidateOptionsResult Validate(string? name, DockerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        var section = DockerOptions.SectionName;
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("unix" or "tcp" or "http" or "https"))
        {
            failures.Add($"{section}:{nameof(options.Endpoint)} must be an absolute unix://, tcp://, http:// or https:// URI; got '{options.Endpoint}'.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(options.RequestTimeout)} must be positive; got {options.RequestTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
