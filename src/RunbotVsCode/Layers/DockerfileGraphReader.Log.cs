using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Layers;

public sealed partial class DockerfileGraphReader
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, EventName = "DockerfileGraphRead", Level = LogLevel.Debug,
            Message = "Read {DockerfileCount} Dockerfiles and {LayerCount} layers from runbot.")]
        public static partial void GraphRead(ILogger logger, int dockerfileCount, int layerCount);

        [LoggerMessage(EventId = 5002, EventName = "DockerfileRenderProblem", Level = LogLevel.Warning,
            Message = "Dockerfile {DockerfileId} renders with a problem in layer {LayerId}: {Problem}")]
        public static partial void RenderProblem(ILogger logger, int dockerfileId, int layerId, string problem);
    }
}
