using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using RunbotVsCode.Hosting;

namespace RunbotVsCode.Host.Commands;

/// <summary>Builds the service container for one-shot commands, and reports invalid settings the same way everywhere.</summary>
internal static class CommandHost
{
    /// <summary>The exit code for invalid settings.</summary>
    public const int InvalidSettingsExitCode = 2;

    /// <summary>Builds a host with every part registered, logging to standard error so standard output stays for results.</summary>
    public static IHost Build(ParseResult parseResult)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        SettingsSources.Apply(builder.Configuration, parseResult.GetValue(CliRoot.Settings)?.FullName, parseResult.UnmatchedTokens);
        ConfigureLogging(builder.Logging, builder.Configuration);
        builder.Services.AddRunbotVsCode();
        return builder.Build();
    }

    /// <summary>Logs to standard error in one line per entry, with levels from the <c>Logging</c> section.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.UseUtcTimestamp = true;
        });
        logging.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>Checks every settings section now, as a served host does at start.</summary>
    /// <exception cref="OptionsValidationException">A setting is invalid.</exception>
    public static void ValidateSettings(IServiceProvider services) =>
        services.GetRequiredService<IStartupValidator>().Validate();

    /// <summary>Prints every settings failure to standard error and returns the exit code for invalid settings.</summary>
    public static int ReportInvalidSettings(Exception exception)
    {
        var failures = exception switch
        {
            OptionsValidationException validation => validation.Failures,
            AggregateException aggregate => aggregate.Flatten().InnerExceptions.OfType<OptionsValidationException>().SelectMany(inner => inner.Failures),
            _ => [exception.Message],
        };

        Console.Error.WriteLine("Settings are invalid:");
        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"  {failure}");
        }

        return InvalidSettingsExitCode;
    }
}
