using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunbotVsCode.Layers;

namespace RunbotVsCode.Host.Commands;

/// <summary><c>runbot-vscode layer</c>: render the code-server layer and write it into runbot's Dockerfiles.</summary>
internal static class LayerCommand
{
    private const string ExitCodes = "Exit codes: 0 done or unchanged, 1 failed, 2 invalid settings.";

    /// <summary>Builds the command with its subcommands.</summary>
    public static Command Create() => new("layer", "Render the code-server layer, install it in runbot's database and attach it to Dockerfiles.")
    {
        CreateRender(),
        CreateInstall(),
        CreateAttach(),
        CreateDetach(),
    };

    private static Command CreateRender()
    {
        var version = VersionOption("The code-server release to install, such as 4.104.0. Default: Layer:Version.");
        var withCli = new Option<string[]>("--with-cli")
        {
            Description = "An npm package to install globally; repeat for more. Turns on Layer:NodeJs. Write a scoped name as --with-cli=@openai/codex, since a word starting with @ names a response file.",
        };
        var command = new Command("render", "Print the content of the code-server template layer as 'layer install' would store it. " + ExitCodes)
        {
            version,
            withCli,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, _) => LayerCommandHost.RunAsync(parseResult, services =>
            Task.FromResult(Render(services, parseResult.GetValue(version), parseResult.GetValue(withCli) ?? []))));
        return command;
    }

    private static Command CreateInstall()
    {
        var dryRun = DryRunOption();
        var command = new Command(
            "install",
            "Create or update the code-server source layer and its external id (Runbot:CodeServerLayerXmlId) in one transaction. " + ExitCodes)
        {
            dryRun,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) => LayerCommandHost.RunAsync(parseResult, async services =>
            Report(await services.GetRequiredService<LayerInstaller>().InstallAsync(parseResult.GetValue(dryRun), cancellationToken))));
        return command;
    }

    private static Command CreateAttach()
    {
        var dockerfile = DockerfileOption();
        var version = VersionOption("The code-server release for this Dockerfile, such as 4.104.0. Default: the installed layer's version.");
        var dryRun = DryRunOption();
        var command = new Command(
            "attach",
            "Add a layer to a Dockerfile that includes the code-server layer, before runbot's switch to the final user. " + ExitCodes)
        {
            dockerfile,
            version,
            dryRun,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            var requested = parseResult.GetValue(version);
            if (requested is not null && !LayerOptionsValidator.IsValidVersion(requested))
            {
                return Task.FromResult(InvalidVersion(requested));
            }

            return LayerCommandHost.RunAsync(parseResult, async services => Report(await services.GetRequiredService<LayerInstaller>()
                .AttachAsync(parseResult.GetRequiredValue(dockerfile), requested, parseResult.GetValue(dryRun), cancellationToken)));
        });
        return command;
    }

    private static Command CreateDetach()
    {
        var dockerfile = DockerfileOption();
        var dryRun = DryRunOption();
        var command = new Command("detach", "Delete the layer that 'layer attach' added to a Dockerfile; other rows are never touched. " + ExitCodes)
        {
            dockerfile,
            dryRun,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) => LayerCommandHost.RunAsync(parseResult, async services =>
            Report(await services.GetRequiredService<LayerInstaller>().DetachAsync(parseResult.GetRequiredValue(dockerfile), parseResult.GetValue(dryRun), cancellationToken))));
        return command;
    }

    private static int Render(IServiceProvider services, string? version, string[] cliTools)
    {
        if (version is not null && !LayerOptionsValidator.IsValidVersion(version))
        {
            return InvalidVersion(version);
        }

        var configured = services.GetRequiredService<IOptions<LayerOptions>>().Value;
        var options = new LayerOptions
        {
            Version = version ?? configured.Version,
            Sha256 = configured.Sha256,
            CacheDuration = configured.CacheDuration,
            NodeJs = configured.NodeJs || cliTools.Length > 0,
            CliTools = [.. configured.CliTools, .. cliTools],
            Extensions = configured.Extensions,
            TemplatePath = configured.TemplatePath,
        };

        var layer = services.GetRequiredService<CodeServerLayerRenderer>().Render(options);
        Console.Out.WriteLine(layer.Content);
        Console.Error.WriteLine($"layer '{layer.Name}', values {layer.Values}");
        return 0;
    }

    private static int Report(LayerChangeResult result)
    {
        foreach (var change in result.Changes)
        {
            Console.Out.WriteLine($"  {change}");
        }

        Console.Out.WriteLine(result.Message);
        return 0;
    }

    private static int InvalidVersion(string version) => CommandHost.ReportInvalidSettings(
        new ArgumentException($"--version is invalid: got '{version}', expected a release number such as 4.104.0."));

    private static Option<string> DockerfileOption() => new("--dockerfile")
    {
        Description = "The Dockerfile's name, or its image tag when variants share the name.",
        Required = true,
    };

    private static Option<string?> VersionOption(string description) => new("--version") { Description = description };

    private static Option<bool> DryRunOption() => new("--dry-run") { Description = "Print the row changes, column by column, and write nothing." };
}
