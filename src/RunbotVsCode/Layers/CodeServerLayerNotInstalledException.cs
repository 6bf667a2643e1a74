namespace RunbotVsCode.Layers;

/// <summary>The error for a command that needs the code-server source layer before <c>layer install</c> has created it.</summary>
public sealed class CodeServerLayerNotInstalledException : LayerChangeException
{
    /// <summary>Creates the error for this external id; <paramref name="detail"/> describes what was found instead.</summary>
    public CodeServerLayerNotInstalledException(string xmlId, string detail)
        : base($"The code-server layer is not installed ({detail}); run 'runbot-vscode layer install' first.")
    {
        XmlId = xmlId;
    }

    /// <summary>Gets the external id that was looked up.</summary>
    public string XmlId { get; }
}
