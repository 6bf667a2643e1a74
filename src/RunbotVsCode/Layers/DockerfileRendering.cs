namespace RunbotVsCode.Layers;

/// <summary>The text runbot would build for a Dockerfile or a layer, with the defects met on the way.</summary>
/// <param name="Text">The rendered text; each defect also shows in it as an <c>ERROR:</c> line.</param>
/// <param name="Problems">The defects, empty when the rendering is clean.</param>
public sealed record DockerfileRendering(string Text, IReadOnlyList<DockerfileRenderProblem> Problems);
