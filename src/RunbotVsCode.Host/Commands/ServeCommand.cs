using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RunbotVsCode.Auth;
using RunbotVsCode.Hosting;
using RunbotVsCode.Rendering;

namespace RunbotVsCode.Host.Commands;

/// <summary><c>runbot-vscode serve</c>: the long-running service.</summary>
internal static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("serve", "Run the service: regenerate the nginx config on the schedule and serve the endpoints nginx calls.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        SettingsSources.Apply(builder.Configuration, parseResult.GetValue(CliRoot.Settings)?.FullName, parseResult.UnmatchedTokens);
        CommandHost.ConfigureLogging(builder.Logging, builder.Configuration);

        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls(builder.Configuration[$"{HttpOptions.SectionName}:{nameof(HttpOptions.Urls)}"] ?? new HttpOptions().Urls);
        builder.Services.AddRoutingCore();
        builder.Services.AddSystemd();
        builder.Services.AddRunbotVsCode().AddRegenWorker();

        await using var app = builder.Build();
        app.UseRouting();
        app.MapHealth();
        app.MapAccess();

        // Checked before the host starts, so a bad setting or template gives the short report alone, without the
        // host's own start-up failure entry and stack trace.
        try
        {
            CommandHost.ValidateSettings(app.Services);
            app.Services.GetRequiredService<NginxConfigRenderer>();
        }
        catch (Exception exception) when (CommandHost.IsSettingsError(exception))
        {
            return CommandHost.ReportInvalidSettings(exception);
        }

        await app.RunAsync(cancellationToken);
        return 0;
    }
}
