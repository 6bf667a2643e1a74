using Microsoft.Extensions.Options;
using RunbotVsCode.Hosting;

namespace RunbotVsCode.Routing;

/// <summary>Checks the <c>Routing</c> and <c>Upstream</c> sections at start.</summary>
public sealed class RoutingOptionsValidator : IValidateOptions<RoutingOptions>, IValidateOptions<UpstreamOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var errors = new SettingsErrors(RoutingOptions.SectionName);

        if (options.Suffix is not null && !RouteSettings.IsSuffix(options.Suffix))
        {
            errors.Invalid(nameof(options.Suffix), options.Suffix, "one lowercase DNS label of at most 20 characters, such as 'vscode'");
        }

        if (options.Scheme is not null && !RouteSettings.IsScheme(options.Scheme))
        {
            errors.Invalid(nameof(options.Scheme), options.Scheme, "'https' or 'http'");
        }

        if (options.OpenBaseUrl is not null && RouteSettings.ParseBaseUrl(options.OpenBaseUrl) is null)
        {
            errors.Invalid(nameof(options.OpenBaseUrl), options.OpenBaseUrl, "an absolute http or https URL with a lowercase host name, such as 'https://runbot.example.com'");
        }

        if (options.PublicPort is { } port && !NginxValues.IsPort(port))
        {
            errors.Invalid(nameof(options.PublicPort), port, "a port from 1 to 65535, or no value for the scheme's default");
        }

        return errors.ToResult();
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        var errors = new SettingsErrors(UpstreamOptions.SectionName);

        if (!Enum.IsDefined(options.Mode))
        {
            errors.Invalid(nameof(options.Mode), options.Mode, "'Socket', 'HostPort' or 'ContainerIp'");
        }

        if (!NginxValues.IsSafeAbsolutePath(options.BuildRoot))
        {
            errors.Invalid(nameof(options.BuildRoot), options.BuildRoot, "an absolute path made of letters, digits and '._/-', such as '/home/runbot/runbot/runbot/static/build'");
        }

        if (!NginxValues.IsPort(options.ContainerPort))
        {
            errors.Invalid(nameof(options.ContainerPort), options.ContainerPort, "a port from 1 to 65535");
        }

        if (!NginxValues.IsSafeAbsolutePath(options.ContainerSocketPath) || !options.ContainerSocketPath.StartsWith("/data/build/", StringComparison.Ordinal))
        {
            errors.Invalid(nameof(options.ContainerSocketPath), options.ContainerSocketPath, "an absolute path under /data/build/ made of letters, digits and '._/-'");
        }

        return errors.ToResult();
    }
}
