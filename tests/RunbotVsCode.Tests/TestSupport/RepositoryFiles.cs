namespace RunbotVsCode.TestSupport;

/// <summary>Finds files of this repository from the test output folder.</summary>
public static class RepositoryFiles
{
    private const string SolutionFile = "RunbotVsCode.sln";

    /// <summary>Gets the path of the nginx template the service ships.</summary>
    public static string NginxTemplate => Path.Combine(Root, "templates", "nginx", "vscode.conf.scriban");

    /// <summary>Gets the repository root: the nearest folder above the test folder that contains the solution file.</summary>
    public static string Root
    {
        get
        {
            var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                folder = folder.Parent;
            }

            return folder?.FullName
                ?? throw new InvalidOperationException($"No folder above {TestContext.CurrentContext.TestDirectory} contains {SolutionFile}.");
        }
    }
}
