namespace RunbotVsCode.Infrastructure;

/// <summary>
/// What most integration tests start from, as on one runbot host: a database loaded with the sample runbot rows, an
/// nginx prefix of its own, and an empty build folder, created together and removed together.
/// </summary>
public sealed class TestInstallation : IAsyncDisposable
{
    private TestInstallation(RunbotDatabase database, string buildFolderPrefix)
    {
        Database = database;
        BuildRoot = new TestFolder(buildFolderPrefix);
    }

    /// <summary>Gets the database with the sample runbot rows.</summary>
    public RunbotDatabase Database { get; }

    /// <summary>Gets the nginx prefix. nginx starts when the service's first pass applies a config.</summary>
    public NginxServer Nginx { get; } = new();

    /// <summary>Gets the host folder that contains the builds' <c>&lt;dest&gt;/</c> folders (<c>Upstream:BuildRoot</c>).</summary>
    public TestFolder BuildRoot { get; }

    /// <summary>Creates the database, the nginx prefix and a build folder whose name starts with <paramref name="buildFolderPrefix"/>.</summary>
    public static async Task<TestInstallation> CreateAsync(string buildFolderPrefix = "rvs-build") =>
        new(await RunbotDatabase.CreateAsync(), buildFolderPrefix);

    /// <summary>Returns new settings that point the service at this installation, with nginx's auth subrequests on <paramref name="authPort"/>.</summary>
    public Dictionary<string, string?> Settings(int authPort) => ServiceUnderTest.Settings(Database, Nginx, authPort, BuildRoot.Path);

    /// <summary>Stops nginx, then removes the build folder and drops the database.</summary>
    public async ValueTask DisposeAsync()
    {
        Nginx.Dispose();
        BuildRoot.Dispose();
        await Database.DisposeAsync();
    }
}
