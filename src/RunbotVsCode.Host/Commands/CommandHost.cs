using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using RunbotVsCode.Hosting;
using RunbotVsCode.Rendering;

namespace RunbotVsCode.Host.Commands;

/// <summary>Builds the service container for one-shot commands, and reports invalid settings the same way everywhere.</summary>
internal static partial class CommandHost
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

    /// <summary>
    /// Returns whether <paramref name="exception"/> comes from the settings: a failed check, a value the binder could not
    /// convert (such as <c>--Regen:Interval=abc</c>), or a settings file or template that cannot be read or parsed.
    /// </summary>
    public static bool IsSettingsError(Exception exception) => exception
        is OptionsValidationException
        or AggregateException
        or TemplateLoadException
        or InvalidDataException
        or FileNotFoundException
        or DirectoryNotFoundException
        or InvalidOperationException { InnerException: IOException or UnauthorizedAccessException or FormatException or ArgumentException };

    /// <summary>Prints every settings failure to standard error and returns the exit code for invalid settings.</summary>
    public static int ReportInvalidSettings(Exception exception)
    {
        var failures = exception switch
        {
            OptionsValidationException validation => validation.Failures,
            AggregateException aggregate => aggregate.Flatten().InnerExceptions.OfType<OptionsValidationException>().SelectMany(inner => inner.Failures),
            InvalidOperationException { InnerException: FormatException or ArgumentException } => [WithExpectedForm(exception.Message)],
            _ => [exception.Message],
        };

        Console.Error.WriteLine("Settings are invalid:");
        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"  {failure}");
        }

        return InvalidSettingsExitCode;
    }

    /// <summary>
    /// Adds the expected form to the binder's message "Failed to convert configuration value 'x' at 'Key' to type 'T'.",
    /// which names the .NET type but not how to write a value of it.
    /// </summary>
    internal static string WithExpectedForm(string message)
    {
        var match = BinderMessage().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var typeName = match.Groups["type"].Value;
        var expected = typeName switch
        {
            "System.TimeSpan" => "a duration written hh:mm:ss, such as 00:00:30",
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Boolean" => "true or false",
            _ => typeof(Hosting.HttpOptions).Assembly.GetType(typeName) is { IsEnum: true } enumType
                ? $"one of {string.Join(", ", Enum.GetNames(enumType))}"
                : null,
        };
        return expected is null ? message : $"{message} Expected {expected}.";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to convert configuration value '.*' at '[^']+' to type '(?<type>[^']+)'\.$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex BinderMessage();
}
