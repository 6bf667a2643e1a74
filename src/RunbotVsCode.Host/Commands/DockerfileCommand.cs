using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RunbotVsCode.Layers;

namespace RunbotVsCode.Host.Commands;

/// <summary><c>runbot-vscode dockerfile</c>: show runbot's Dockerfiles as runbot renders them from the layer rows.</summary>
internal static class DockerfileCommand
{
    /// <summary>Builds the command with its subcommands.</summary>
    public static Command Create() => new("dockerfile", "Show runbot's Dockerfiles as runbot renders them from the layer rows.")
    {
        CreateRender(),
        CreateList(),
    };

    private static Command CreateRender()
    {
        var name = new Argument<string>("NAME") { Description = "The Dockerfile's name, or its image tag when variants share the name." };
        var command = new Command(
            "render",
            "Print the Dockerfile exactly as runbot would render it from the rows. Exit codes: 0 rendered, 1 failed or rendered with errors, 2 invalid settings.")
        {
            name,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) => LayerCommandHost.RunAsync(parseResult, async services =>
        {
            var rendering = await services.GetRequiredService<DockerfileGraphReader>()
                .RenderByNameAsync(parseResult.GetRequiredValue(name), LayerCommandHost.RunbotUser(services), cancellationToken);
            Console.Out.Write(rendering.Text);
            foreach (var problem in rendering.Problems)
            {
                Console.Error.WriteLine($"error: layer {problem.LayerId} '{problem.LayerName}': {problem.Message}");
            }

            return rendering.Problems.Count == 0 ? 0 : LayerCommandHost.FailureExitCode;
        }));
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command(
            "list",
            "List every Dockerfile with whether it includes the code-server layer and through which rows. Exit codes: 0 listed, 1 failed, 2 invalid settings.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) => LayerCommandHost.RunAsync(parseResult, async services =>
        {
            var list = await services.GetRequiredService<DockerfileListReader>().ReadAsync(cancellationToken);
            foreach (var entry in list.Entries)
            {
                Console.Out.WriteLine(Describe(entry));
            }

            foreach (var cycle in list.Cycles)
            {
                Console.Out.WriteLine($"warning: reference cycle {cycle}; runbot cannot render the Dockerfiles on it.");
            }

            if (list.CodeServerLayerId is null)
            {
                Console.Out.WriteLine("The code-server layer is not installed; run 'runbot-vscode layer install' first.");
            }

            return 0;
        }));
        return command;
    }

    private static string Describe(DockerfileListEntry entry)
    {
        var summary = entry.Summary;
        var facts = new List<string> { $"id {summary.Id}" };
        if (summary.ImageTag is not null)
        {
            facts.Add(summary.ImageTag);
        }

        if (summary.ParentName is not null)
        {
            facts.Add($"variant of {summary.ParentName}");
        }

        if (!summary.Active)
        {
            facts.Add("inactive");
        }

        if (summary.ProblemCount > 0)
        {
            facts.Add($"{summary.ProblemCount} render errors");
        }

        // The path starts with the Dockerfile itself, already named at the start of the line.
        var codeServer = entry.CodeServerPath is { } path
            ? $"code-server {summary.CodeServerVersion ?? "(version not labelled)"} through {string.Join(" -> ", path.Skip(1))}"
            : "no code-server";
        return $"{summary.Name} ({string.Join(", ", facts)}): {codeServer}";
    }
}
