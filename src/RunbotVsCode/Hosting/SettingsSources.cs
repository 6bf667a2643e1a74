using Microsoft.Extensions.Configuration;

namespace RunbotVsCode.Hosting;

/// <summary>The settings sources of every command, from lowest to highest precedence.</summary>
public static class SettingsSources
{
    /// <summary>The settings file read when present, for installed services.</summary>
    public const string SystemSettingsFile = "/etc/runbot-vscode/appsettings.json";

    /// <summary>The prefix of environment variables, as in <c>RUNBOTVSCODE__Runbot__HostName</c>.</summary>
    public const string EnvironmentPrefix = "RUNBOTVSCODE__";

    /// <summary>
    /// Replaces the sources of <paramref name="configuration"/> with: <c>appsettings.json</c> beside the binary,
    /// <see cref="SystemSettingsFile"/>, <paramref name="settingsFile"/> when given, environment variables with
    /// <see cref="EnvironmentPrefix"/>, and <c>--Section:Key=value</c> arguments.
    /// </summary>
    public static void Apply(IConfigurationBuilder configuration, string? settingsFile, IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(overrides);

        configuration.Sources.Clear();
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddJsonFile(SystemSettingsFile, optional: true, reloadOnChange: false);
        if (settingsFile is not null)
        {
            if (!File.Exists(settingsFile))
            {
                throw new FileNotFoundException($"Settings file {settingsFile} is not found; check the --settings path.", settingsFile);
            }

            configuration.AddJsonFile(Path.GetFullPath(settingsFile), optional: false, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine([.. overrides]);
    }
}
