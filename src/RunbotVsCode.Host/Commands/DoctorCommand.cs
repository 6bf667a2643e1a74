using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunbotVsCode.Hosting;

namespace RunbotVsCode.Host.Commands;

/// <summary><c>runbot-vscode doctor</c>: checks an installation and says how to fix what fails.</summary>
internal static class DoctorCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("doctor", "Check settings, runbot's database and schema, database.secret, nginx, Docker, the build folders and the code-server layer. Exit code 1 when a check fails.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var host = CommandHost.Build(parseResult);
        try
        {
            CommandHost.ValidateSettings(host.Services);
            Console.Out.WriteLine("ok   settings: every section is valid");
        }
        catch (Exception exception) when (CommandHost.IsSettingsError(exception))
        {
            Console.Out.WriteLine("FAIL settings: invalid");
            return CommandHost.ReportInvalidSettings(exception);
        }

        var checks = await host.Services.GetRequiredService<Doctor>().RunAsync(cancellationToken);
        foreach (var check in checks)
        {
            Console.Out.WriteLine($"{(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
            if (!check.Passed)
            {
                Console.Out.WriteLine($"     fix: {check.Fix}");
            }
        }

        return checks.All(check => check.Passed) ? 0 : 1;
    }
}
