namespace RunbotVsCode.Infrastructure;

/// <summary>A folder under /tmp that nginx workers (which drop root) can traverse, removed on dispose.</summary>
public sealed class TestFolder : IDisposable
{
    /// <summary>Creates the folder with mode 0755.</summary>
    public TestFolder(string prefix)
    {
        Path = System.IO.Path.Combine("/tmp", $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)]);
        Directory.CreateDirectory(Path);
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    /// <summary>Gets the folder's path.</summary>
    public string Path { get; }

    /// <summary>Returns a path inside the folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A socket or a file still held by a stopping process; /tmp is cleaned by the machine.
        }
    }
}
