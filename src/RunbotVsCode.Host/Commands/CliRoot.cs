using System.CommandLine;

namespace RunbotVsCode.Host.Commands;

/// <summary>The <c>runbot-vscode</c> command tree.</summary>
internal static class CliRoot
{
    /// <summary>The option naming an extra settings file, accepted by every command.</summary>
    public static readonly Option<FileInfo?> Settings = new("--settings")
    {
        Description = "An extra JSON settings file, read after appsettings.json and /etc/runbot-vscode/appsettings.json.",
        Recursive = true,
    };

    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "Lets runbot users open VS Code in the browser inside a running build. Settings can be given as --Section:Key=value after the command.");
        root.Options.Add(Settings);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(RegenCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(LayerCommand.Create());
        root.Subcommands.Add(DockerfileCommand.Create());
        return root;
    }
}
