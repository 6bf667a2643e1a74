using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunbotVsCode.Generation;

namespace RunbotVsCode.Host.Commands;

/// <summary><c>runbot-vscode regen</c>: one pass, for system cron.</summary>
internal static class RegenCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Render the config and print it; write nothing and leave nginx alone." };
        var diff = new Option<bool>("--diff") { Description = "Print a unified diff of the config nginx last accepted against the rendered one." };

        var command = new Command(
            "regen",
            "Run one pass: read runbot's database, render the nginx config, and apply it when it changed. "
            + "Exit codes: 0 applied or unchanged, 1 failed, 2 invalid settings, 3 rejected by nginx, 4 nginx not reloaded.")
        {
            dryRun,
            diff,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, parseResult.GetValue(dryRun), parseResult.GetValue(diff), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, bool dryRun, bool diff, CancellationToken cancellationToken)
    {
        using var host = CommandHost.Build(parseResult);
        RegenPass pass;
        try
        {
            CommandHost.ValidateSettings(host.Services);
            pass = host.Services.GetRequiredService<RegenPass>();
        }
        catch (Exception exception) when (CommandHost.IsSettingsError(exception))
        {
            return CommandHost.ReportInvalidSettings(exception);
        }

        var result = await pass.RunAsync(dryRun, diff, cancellationToken);
        if (diff && result.Diff is not null)
        {
            Console.Out.Write(result.Diff);
        }
        else if (dryRun && result.Content is not null)
        {
            Console.Out.Write(result.Content);
        }

        Console.Error.WriteLine(Summary(result));
        return result.ExitCode;
    }

    private static string Summary(PassResult result)
    {
        var counts = result.Routes is { } routes ? $"{routes.Routes.Count} builds routed, {routes.Skipped.Count} skipped" : "database not read";
        return result.Succeeded
            ? $"regen: {result.Outcome.ToString().ToLowerInvariant()} ({counts})"
            : $"regen: {result.Outcome.ToString().ToLowerInvariant()}: {OneLine(result.Message)}";
    }

    private static string OneLine(string message) => string.Join(" | ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
