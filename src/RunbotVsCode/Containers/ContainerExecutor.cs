using Docker.DotNet;
using Docker.DotNet.Models;

namespace RunbotVsCode.Containers;

/// <summary>Runs commands in containers with <c>docker exec</c>, always from an argument array.</summary>
internal class ContainerExecutor
{
    private readonly IDockerClient _docker;

    public ContainerExecutor(IDockerClient docker)
    {
        ArgumentNullException.ThrowIfNull(docker);
        _docker = docker;
    }

    /// <summary>Starts <paramref name="command"/> detached and returns the exec id; the process's output is discarded.</summary>
    public virtual async Task<string> StartDetachedAsync(string containerId, string? user, IList<string> command, CancellationToken cancellationToken)
    {
        var parameters = new ContainerExecCreateParameters { Cmd = command, User = NullIfEmpty(user) };
        var exec = await _docker.Exec.ExecCreateContainerAsync(containerId, parameters, cancellationToken).ConfigureAwait(false);
        await _docker.Exec.StartContainerExecAsync(exec.ID, cancellationToken).ConfigureAwait(false);
        return exec.ID;
    }

    /// <summary>Returns whether the detached exec <paramref name="execId"/> still runs, and its exit code.</summary>
    public virtual async Task<ExecState> InspectAsync(string execId, CancellationToken cancellationToken)
    {
        var state = await _docker.Exec.InspectContainerExecAsync(execId, cancellationToken).ConfigureAwait(false);
        return new ExecState(state.Running, state.ExitCode);
    }

    /// <summary>Runs <paramref name="command"/> to completion and returns its exit code and output.</summary>
    public virtual async Task<ExecOutput> RunAsync(string containerId, string? user, IList<string> command, CancellationToken cancellationToken)
    {
        var parameters = new ContainerExecCreateParameters
        {
            Cmd = command,
            User = NullIfEmpty(user),
            AttachStdout = true,
            AttachStderr = true,
        };
        var exec = await _docker.Exec.ExecCreateContainerAsync(containerId, parameters, cancellationToken).ConfigureAwait(false);

        string standardOutput;
        string standardError;
        using (var stream = await _docker.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false, cancellationToken).ConfigureAwait(false))
        {
            (standardOutput, standardError) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        var state = await _docker.Exec.InspectContainerExecAsync(exec.ID, cancellationToken).ConfigureAwait(false);
        return new ExecOutput(state.ExitCode, standardOutput, standardError);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
