namespace RunbotVsCode.Containers;

/// <summary>How starting code-server in a build ended.</summary>
public enum StartStatus
{
    /// <summary>code-server answers, started now or earlier.</summary>
    Ready,

    /// <summary>The build's container is missing or stopped.</summary>
    Asleep,

    /// <summary>The image has no code-server label and the database says its Dockerfile lacks the layer.</summary>
    NotAttachable,

    /// <summary>The exec failed or code-server exited.</summary>
    Failed,

    /// <summary>code-server did not answer within <c>CodeServer:StartTimeout</c>.</summary>
    TimedOut,
}
