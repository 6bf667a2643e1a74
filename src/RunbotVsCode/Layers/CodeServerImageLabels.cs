namespace RunbotVsCode.Layers;

/// <summary>The image labels the code-server layer sets, so tools can tell which images carry code-server.</summary>
public static class CodeServerImageLabels
{
    /// <summary>The label holding the code-server version baked into the image.</summary>
    public const string Version = "org.runbot-vscode.code-server";

    /// <summary>The label holding the folder where the layer installed VS Code extensions.</summary>
    public const string ExtensionsDirectory = "org.runbot-vscode.extensions-dir";
}
