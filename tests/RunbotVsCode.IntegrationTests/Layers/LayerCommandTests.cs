using System.CommandLine;
using RunbotVsCode.Host.Commands;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Layers.Tests;

/// <summary>Runs the <c>layer</c> and <c>dockerfile</c> commands in-process against a sample runbot database.</summary>
[NonParallelizable]
public sealed class LayerCommandTests
{
    private RunbotDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        _database = await RunbotDatabase.CreateAsync(withDemoData: false);
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task DockerfileRender_Attached_PrintsCodeServerLabel()
    {
        await RunAsync("layer", "install");
        await RunAsync("layer", "attach", "--dockerfile", "DockerDefault");

        var result = await RunAsync("dockerfile", "render", "DockerDefault");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("\nLABEL org.runbot-vscode.code-server=\"4.104.0\" \\\n"));
        Assert.That(result.Output, Does.EndWith("\n# Switch user\nUSER runbot\n"));
    }

    [Test]
    public async Task DockerfileRender_MissingReference_ExitsOneNamingLayer()
    {
        await _database.ExecuteAsync("UPDATE runbot_docker_layer SET reference_docker_layer_id = NULL WHERE id = 9");

        var result = await RunAsync("dockerfile", "render", "DockerDefault");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("ERROR: no reference_docker_layer_id defined"));
        Assert.That(result.Error, Does.Contain("error: layer 9 'Create user'"));
    }

    [Test]
    public async Task LayerAttach_UnknownDockerfile_ExitsOneWithClosestNames()
    {
        await RunAsync("layer", "install");

        var result = await RunAsync("layer", "attach", "--dockerfile", "DockerDefalt");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("Dockerfile 'DockerDefalt' not found. Closest names: DockerDefault"));
        Assert.That(result.Error, Does.Contain("runbot-vscode dockerfile list"));
    }

    [Test]
    public async Task LayerAttach_NotInstalled_ExitsOneNamingInstall()
    {
        var result = await RunAsync("layer", "attach", "--dockerfile", "DockerDefault");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("the code-server layer is not installed").IgnoreCase);
        Assert.That(result.Error, Does.Contain("run 'runbot-vscode layer install' first"));
    }

    [Test]
    public async Task LayerAttach_InvalidVersion_ExitsTwo()
    {
        var result = await RunAsync("layer", "attach", "--dockerfile", "DockerDefault", "--version", "4.104;rm");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--version is invalid: got '4.104;rm'"));
    }

    [Test]
    public async Task LayerInstall_DryRun_PrintsRowsAndExitsZero()
    {
        var result = await RunAsync("layer", "install", "--dry-run");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("  insert into runbot_docker_layer: name = 'code-server', sequence = 0, dockerfile_id = NULL, layer_type = 'template'"));
        Assert.That(result.Output, Does.Contain("  insert into ir_model_data: name = 'docker_layer_code_server', module = 'runbot_attach_vscode'"));
        Assert.That(result.Output, Does.EndWith("Dry run, nothing written: 2 row changes planned.\n"));
    }

    [Test]
    public async Task LayerInstall_NoConnectionString_ExitsTwo()
    {
        var result = await RunAsync(withConnectionString: false, "layer", "install");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("Runbot:ConnectionString"));
    }

    [Test]
    public async Task LayerRender_WithCli_PrintsNpmInstall()
    {
        var result = await RunAsync("layer", "render", "--version", "4.100.1", "--with-cli=@openai/codex", "--with-cli", "typescript");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.StartWith("USER root\n"));
        Assert.That(result.Output, Does.Contain("npm install --global --no-audit --no-fund @openai/codex typescript \\\n"));
        Assert.That(result.Error, Does.Contain("{\"CODE_SERVER_VERSION\":\"4.100.1\"}"));
    }

    [Test]
    public async Task DockerfileList_Attached_ShowsPathOfVariant()
    {
        await RunAsync("layer", "install");
        await RunAsync("layer", "attach", "--dockerfile", "DockerDefault", "--version", "4.99.0");

        var result = await RunAsync("dockerfile", "list");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("DockerDefault (id 1, odoo:DockerDefault): code-server 4.99.0 through layer 13 'code-server (runbot-vscode)' (reference_layer) -> layer 12 'code-server' (template)"));
        Assert.That(lines[1], Does.StartWith("chrome (id 2, odoo:DockerDefault.chrome, variant of DockerDefault): code-server 4.99.0 through Dockerfile 1 'DockerDefault' -> layer 13"));
        Assert.That(lines, Has.Length.EqualTo(2));
    }

    [Test]
    public async Task DockerfileList_NotInstalled_SaysHowToInstall()
    {
        var result = await RunAsync("dockerfile", "list");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("DockerDefault (id 1, odoo:DockerDefault): no code-server\n"));
        Assert.That(result.Output, Does.EndWith("The code-server layer is not installed; run 'runbot-vscode layer install' first.\n"));
    }

    private Task<CommandResult> RunAsync(params string[] args) => RunAsync(true, args);

    private async Task<CommandResult> RunAsync(bool withConnectionString, params string[] args)
    {
        string[] settings =
        [
            "--Logging:LogLevel:Default=Warning",
            "--Layer:RunbotUid=1000",
            "--Layer:RunbotGid=1000",
            "--Layer:RunbotUserName=runbot",
            .. withConnectionString ? [$"--Runbot:ConnectionString={_database.ConnectionString}"] : Array.Empty<string>(),
        ];
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var (previousOutput, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await CliRoot.Create().Parse([.. args, .. settings]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
            return new CommandResult(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOutput);
            Console.SetError(previousError);
        }
    }

    private sealed record CommandResult(int ExitCode, string Output, string Error);
}
