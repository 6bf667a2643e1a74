using System.Globalization;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Containers;

/// <summary>
/// Builds the argument arrays the service runs in build containers. Values from the database or configuration
/// only ever travel as separate arguments: the shell scripts are constants and read them as positional parameters.
/// </summary>
internal static class CodeServerCommand
{
    /// <summary>The exit code of <see cref="LaunchScript"/> when another code-server holds the build's lock.</summary>
    public const int LockHeldExitCode = 75;

    /// <summary>
    /// Takes the build's lock and replaces itself with code-server, so the lock is held exactly as long as
    /// code-server (or a child that inherited the descriptor) lives, and a crash releases it. The exit code is 75
    /// when another code-server holds the lock. Arguments: the state folder, then code-server's command line.
    /// </summary>
    public const string LaunchScript = """
        set -eu
        state_dir=$1
        shift
        mkdir -p "$state_dir"
        exec 9>>"$state_dir/code-server.lock"
        flock --nonblock --conflict-exit-code 75 9
        echo "$$" >"$state_dir/code-server.pid"
        exec "$@" >"$state_dir/code-server.log" 2>&1 </dev/null
        """;

    /// <summary>
    /// Stops the code-server that holds the build's lock, with SIGTERM and then SIGKILL after 10 seconds, and
    /// returns once the lock is free. Exits with 0 when no code-server runs. Argument: the state folder.
    /// </summary>
    public const string StopScript = """
        set -u
        state_dir=$1
        [ -e "$state_dir/code-server.lock" ] || exit 0
        exec 9>>"$state_dir/code-server.lock"
        flock --nonblock 9 && exit 0
        pid=$(cat "$state_dir/code-server.pid")
        kill -TERM "$pid"
        flock --timeout 10 9 && exit 0
        kill -KILL "$pid"
        flock --timeout 5 9
        """;

    private const string LaunchScriptName = "runbot-vscode-start";
    private const string StopScriptName = "runbot-vscode-stop";

    /// <summary>Returns the command that starts code-server for <paramref name="mode"/> through <see cref="LaunchScript"/>.</summary>
    public static IList<string> Launch(CodeServerOptions options, UpstreamOptions upstream, UpstreamMode mode)
    {
        var command = new List<string> { "sh", "-c", LaunchScript, LaunchScriptName, options.StateDirectory };
        command.AddRange(CodeServerArguments(options, upstream, mode));
        return command;
    }

    /// <summary>Returns the command that stops the build's code-server through <see cref="StopScript"/>.</summary>
    public static IList<string> Stop(CodeServerOptions options) => ["sh", "-c", StopScript, StopScriptName, options.StateDirectory];

    /// <summary>Returns the command that prints the last lines of code-server's output.</summary>
    public static IList<string> TailLog(CodeServerOptions options) =>
        ["tail", "-n", options.OutputTailLines.ToString(CultureInfo.InvariantCulture), LogPath(options)];

    /// <summary>Returns code-server's own command line, program first.</summary>
    public static IList<string> CodeServerArguments(CodeServerOptions options, UpstreamOptions upstream, UpstreamMode mode)
    {
        var state = options.StateDirectory.TrimEnd('/');
        var arguments = new List<string>
        {
            options.Binary,
            "--auth", "none",
            "--disable-telemetry",
            "--disable-update-check",
            "--user-data-dir", $"{state}/data",
            "--extensions-dir", $"{state}/extensions",
            // Without --config code-server writes ~/.config/code-server/config.yaml, and the container's user may have no writable home.
            "--config", $"{state}/config.yaml",
        };

        if (mode == UpstreamMode.Socket)
        {
            arguments.AddRange(["--socket", upstream.ContainerSocketPath, "--socket-mode", options.SocketMode]);
        }
        else
        {
            arguments.AddRange(["--bind-addr", $"0.0.0.0:{upstream.ContainerPort.ToString(CultureInfo.InvariantCulture)}"]);
        }

        arguments.AddRange(options.ExtraArgs);
        arguments.Add(options.Workspace);
        return arguments;
    }

    /// <summary>Returns the container path of the file that receives code-server's output.</summary>
    public static string LogPath(CodeServerOptions options) => $"{options.StateDirectory.TrimEnd('/')}/code-server.log";
}
