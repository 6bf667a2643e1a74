using System.Diagnostics;

namespace RunbotVsCode.Infrastructure;

/// <summary>Runs the built <c>runbot-vscode</c> binary as a separate process, as cron or systemd would.</summary>
public static class CliProcess
{
    /// <summary>Gets the path of the binary's assembly, copied beside the tests by the project reference.</summary>
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "runbot-vscode.dll");

    /// <summary>Returns a start description for <c>dotnet runbot-vscode.dll ARGS</c>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs the binary to completion and returns its exit code and outputs.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Turns settings into <c>--Key=value</c> arguments.</summary>
    public static string[] SettingsArguments(IDictionary<string, string?> settings) =>
        [.. settings.Where(setting => setting.Value is not null).Select(setting => $"--{setting.Key}={setting.Value}")];
}
