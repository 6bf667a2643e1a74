namespace RunbotVsCode.TestSupport;

/// <summary>A fresh folder under the system temp folder, deleted with its contents on disposal.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("runbot-vscode-tests-").FullName;
    }

    /// <summary>Gets the folder's absolute path.</summary>
    public string Path { get; }

    /// <summary>Returns the path of <paramref name="name"/> inside the folder.</summary>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Returns the names of the files in the folder, sorted, including dot files.</summary>
    public IReadOnlyList<string> FileNames() =>
        [.. Directory.GetFiles(Path).Select(file => System.IO.Path.GetFileName(file)).Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
