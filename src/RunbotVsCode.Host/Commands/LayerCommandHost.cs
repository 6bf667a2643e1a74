using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Hosting;
using RunbotVsCode.Layers;

namespace RunbotVsCode.Host.Commands;

/// <summary>
/// Runs the <c>layer</c> and <c>dockerfile</c> commands: builds a host with the layer services, and turns their
/// errors into exit codes with a one-line reason and the fix.
/// </summary>
internal static class LayerCommandHost
{
    /// <summary>The exit code for a command that failed.</summary>
    public const int FailureExitCode = 1;

    /// <summary>
    /// Builds the host and runs <paramref name="action"/>. Settings that fail validation when the action reads them
    /// exit with <see cref="CommandHost.InvalidSettingsExitCode"/>; only the settings a command uses are checked.
    /// </summary>
    public static async Task<int> RunAsync(ParseResult parseResult, Func<IServiceProvider, Task<int>> action)
    {
        try
        {
            using var host = Build(parseResult);
            return await action(host.Services);
        }
        catch (Exception exception) when (CommandHost.IsSettingsError(exception))
        {
            return CommandHost.ReportInvalidSettings(exception);
        }
        catch (DockerfileNotFoundException exception)
        {
            return Fail($"{exception.Message} Run 'runbot-vscode dockerfile list' to see every Dockerfile.");
        }
        catch (Exception exception) when (exception is LayerChangeException or DockerfileGraphException)
        {
            return Fail(exception.Message);
        }
        catch (NpgsqlException exception)
        {
            return Fail($"Reading or writing runbot's database failed: {exception.Message}. Check Runbot:ConnectionString and that the database is up.");
        }
    }

    /// <summary>Prints the reason to standard error and returns <see cref="FailureExitCode"/>.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return FailureExitCode;
    }

    /// <summary>Returns the runbot process identity from the <c>Layer</c> settings.</summary>
    public static RunbotUser RunbotUser(IServiceProvider services) =>
        RunbotUserSource.Resolve(services.GetRequiredService<IOptions<LayerOptions>>().Value);

    private static IHost Build(ParseResult parseResult)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(
            new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        SettingsSources.Apply(builder.Configuration, parseResult.GetValue(CliRoot.Settings)?.FullName, parseResult.UnmatchedTokens);
        CommandHost.ConfigureLogging(builder.Logging, builder.Configuration);
        builder.Services.AddRunbotVsCode().AddLayers();
        return builder.Build();
    }
}
