namespace RunbotVsCode.Layers;

/// <summary>A defect found while rendering, such as a missing reference or a reference cycle.</summary>
/// <param name="LayerId">The id of the layer where the defect shows, or 0 for the implicit layer of a variant.</param>
/// <param name="LayerName">The name of that layer.</param>
/// <param name="Message">What is wrong, naming the ids involved.</param>
public sealed record DockerfileRenderProblem(int LayerId, string LayerName, string Message);
