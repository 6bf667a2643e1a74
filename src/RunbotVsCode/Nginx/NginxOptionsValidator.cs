using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RunbotVsCode.Hosting;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Nginx;

/// <summary>Checks the <c>Nginx</c> section at start.</summary>
public sealed partial class NginxOptionsValidator : IValidateOptions<NginxOptions>
{
    private const string PathHint = "an absolute path made of letters, digits and '._/-'";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NginxOptions options)
    {
        var errors = new SettingsErrors(NginxOptions.SectionName);

        CheckPath(errors, nameof(options.ConfigPath), options.ConfigPath);
        CheckPath(errors, nameof(options.MainConfigPath), options.MainConfigPath);
        CheckPath(errors, nameof(options.Prefix), options.Prefix);
        CheckPath(errors, nameof(options.PidFile), options.PidFile);

        if (options.ConfigPath == options.MainConfigPath)
        {
            errors.Invalid(nameof(options.ConfigPath), options.ConfigPath, "a file of its own, included by Nginx:MainConfigPath, not the main config itself");
        }

        if (options.ConfigPath.EndsWith('/'))
        {
            errors.Invalid(nameof(options.ConfigPath), options.ConfigPath, "a file path, not a folder");
        }

        if (string.IsNullOrWhiteSpace(options.Binary))
        {
            errors.Missing(nameof(options.Binary), "set it to the nginx binary, such as '/usr/sbin/nginx'");
        }

        if (!IsListen(options.Listen))
        {
            errors.Invalid(nameof(options.Listen), options.Listen, "a port or address:port such as '8080' or '127.0.0.1:8080'");
        }

        if (options.AuthAddress is not null && ParseAuthAddress(options.AuthAddress) is null)
        {
            errors.Invalid(nameof(options.AuthAddress), options.AuthAddress, "host:port of this service as nginx reaches it, such as '127.0.0.1:8079'");
        }

        if (options.AuthKeepalive is < 1 or > 1024)
        {
            errors.Invalid(nameof(options.AuthKeepalive), options.AuthKeepalive, "a number of connections from 1 to 1024");
        }

        if (options.CommandTimeout <= TimeSpan.Zero)
        {
            errors.Invalid(nameof(options.CommandTimeout), options.CommandTimeout, "a positive duration such as 00:00:30");
        }

        if (options.ReloadTimeout <= TimeSpan.Zero)
        {
            errors.Invalid(nameof(options.ReloadTimeout), options.ReloadTimeout, "a positive duration such as 00:10:00");
        }

        if (options.RecheckInterval < TimeSpan.Zero)
        {
            errors.Invalid(nameof(options.RecheckInterval), options.RecheckInterval, "a duration such as 00:15:00, or 00:00:00 to turn the check off");
        }

        if (options.LockTimeout < TimeSpan.Zero)
        {
            errors.Invalid(nameof(options.LockTimeout), options.LockTimeout, "a duration of zero or more such as 00:01:00");
        }

        return errors.ToResult();
    }

    /// <summary>
    /// Parses <c>host:port</c> where host is an IPv4 address, <c>[IPv6]</c> or a lowercase host name;
    /// returns the value unchanged when valid, otherwise null.
    /// </summary>
    public static string? ParseAuthAddress(string value)
    {
        var match = AddressPattern().Match(value);
        if (!match.Success || !int.TryParse(match.Groups["port"].Value, out var port) || !NginxValues.IsPort(port))
        {
            return null;
        }

        var host = match.Groups["host"].Value;
        var hostValid = host.StartsWith('[') || IPv4Pattern().IsMatch(host) || NginxValues.IsHostName(host);
        return hostValid ? value : null;
    }

    private static bool IsListen(string value)
    {
        if (PortPattern().IsMatch(value))
        {
            return int.TryParse(value, out var port) && NginxValues.IsPort(port);
        }

        return ParseAuthAddress(value) is not null;
    }

    private static void CheckPath(SettingsErrors errors, string key, string value)
    {
        if (!NginxValues.IsSafeAbsolutePath(value))
        {
            errors.Invalid(key, value, PathHint);
        }
    }

    [GeneratedRegex("^(?<host>\\[[0-9a-fA-F:]+\\]|[a-z0-9.-]+):(?<port>[0-9]{1,5})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();

    [GeneratedRegex("^[0-9]{1,3}(?:\\.[0-9]{1,3}){3}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4Pattern();

    [GeneratedRegex("^[0-9]{1,5}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PortPattern();
}
