namespace RunbotVsCode.Runbot;

/// <summary>A build looked up by id, in any state, for the open route.</summary>
/// <param name="Build">The build's columns, as for a running build.</param>
/// <param name="LocalState">The build's <c>local_state</c>: <c>pending</c>, <c>testing</c>, <c>running</c> or <c>done</c>.</param>
public sealed record BuildRecord(RunningBuild Build, string LocalState)
{
    /// <summary>Gets whether the build runs, so its container can be attached to.</summary>
    public bool IsRunning => LocalState == "running";
}
