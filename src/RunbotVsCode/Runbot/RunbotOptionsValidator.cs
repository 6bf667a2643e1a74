using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Hosting;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Runbot;

/// <summary>Checks the <c>Runbot</c> section at start.</summary>
public sealed partial class RunbotOptionsValidator : IValidateOptions<RunbotOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RunbotOptions options)
    {
        var errors = new SettingsErrors(RunbotOptions.SectionName);

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Missing(nameof(options.ConnectionString), "set it to runbot's database, for example 'Host=/var/run/postgresql;Database=runbot;Username=runbot'");
        }
        else if (!IsConnectionString(options.ConnectionString))
        {
            // The value may hold a password, so it is not repeated.
            errors.Invalid(nameof(options.ConnectionString), "(hidden)", "an Npgsql connection string such as 'Host=/var/run/postgresql;Database=runbot'");
        }

        if (options.HostName is not null && !NginxValues.IsHostName(options.HostName))
        {
            errors.Invalid(nameof(options.HostName), options.HostName, "a lowercase host name as in runbot_build.host, without a trailing dot");
        }

        if (!XmlIdPattern().IsMatch(options.CodeServerLayerXmlId))
        {
            errors.Invalid(nameof(options.CodeServerLayerXmlId), options.CodeServerLayerXmlId, "an external id 'module.name' made of letters, digits and underscores");
        }

        if (!Uri.TryCreate(options.OdooUrl, UriKind.Absolute, out var odoo) || odoo.Scheme is not ("http" or "https"))
        {
            errors.Invalid(nameof(options.OdooUrl), options.OdooUrl, "the absolute http URL of runbot's Odoo, such as 'http://127.0.0.1:8069'");
        }

        if (options.OdooTimeout <= TimeSpan.Zero)
        {
            errors.Invalid(nameof(options.OdooTimeout), options.OdooTimeout, "a positive duration such as 00:00:10");
        }

        if (options.CommandTimeout <= TimeSpan.Zero)
        {
            errors.Invalid(nameof(options.CommandTimeout), options.CommandTimeout, "a positive duration such as 00:00:30");
        }

        return errors.ToResult();
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_]+\\.[A-Za-z0-9_]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex XmlIdPattern();
}
