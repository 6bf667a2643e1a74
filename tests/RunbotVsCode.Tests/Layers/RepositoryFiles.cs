namespace RunbotVsCode.Layers.Tests;

/// <summary>Finds files of the repository from the test output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>Returns the full path of a file given relative to the repository root (the folder of RunbotVsCode.sln).</summary>
    public static string PathOf(string relativePath)
    {
        var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "RunbotVsCode.sln")))
        {
            folder = folder.Parent;
        }

        return folder is null
            ? throw new DirectoryNotFoundException($"RunbotVsCode.sln not found above {TestContext.CurrentContext.TestDirectory}.")
            : Path.Combine(folder.FullName, relativePath);
    }
}
