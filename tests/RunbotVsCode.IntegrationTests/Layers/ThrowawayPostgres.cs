using System.Diagnostics;
using Npgsql;

namespace RunbotVsCode.Layers.Tests;

/// <summary>
/// A PostgreSQL cluster in a temporary folder, listening only on a unix socket there, loaded with the sample runbot
/// schema. Runs the server binaries as <c>postgres</c> when the tests run as root, because initdb rejects root.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string DatabaseName = "runbot";

    private readonly string _folder;
    private readonly string _binFolder;

    private ThrowawayPostgres(string folder, string binFolder, NpgsqlDataSource dataSource)
    {
        _folder = folder;
        _binFolder = binFolder;
        DataSource = dataSource;
    }

    /// <summary>Gets a data source connected to the loaded database.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Starts a cluster and loads the schema file; marks the test inconclusive when PostgreSQL is not installed.</summary>
    public static async Task<ThrowawayPostgres> StartAsync(string schemaPath)
    {
        var binFolder = FindBinFolder();
        var folder = Directory.CreateTempSubdirectory("runbot-vscode-layers-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", "postgres", folder);
        }

        var dataFolder = Path.Combine(folder, "data");
        await RunServerToolAsync(binFolder, "initdb", "-D", dataFolder, "-A", "trust", "-U", "postgres");
        await RunServerToolAsync(
            binFolder, "pg_ctl", "-D", dataFolder, "-o", $"-k {folder} -c listen_addresses=''", "-l", Path.Combine(folder, "log"), "-w", "start");
        await RunAsync("psql", "-h", folder, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", $"CREATE DATABASE {DatabaseName}");
        await RunAsync("psql", "-h", folder, "-U", "postgres", "-d", DatabaseName, "-v", "ON_ERROR_STOP=1", "-q", "-f", schemaPath);

        var dataSource = NpgsqlDataSource.Create($"Host={folder};Username=postgres;Database={DatabaseName};Pooling=false");
        return new ThrowawayPostgres(folder, binFolder, dataSource);
    }

    /// <summary>Stops the cluster and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await RunServerToolAsync(_binFolder, "pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    private static string FindBinFolder()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        var binFolder = versions
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
            .OrderDescending(StringComparer.Ordinal)
            .FirstOrDefault();
        if (binFolder is null)
        {
            Assert.Inconclusive("PostgreSQL server binaries not found under /usr/lib/postgresql; install the postgresql package.");
        }

        return binFolder!;
    }

    private static Task RunServerToolAsync(string binFolder, string tool, params string[] arguments)
    {
        var path = Path.Combine(binFolder, tool);
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await error}{await output}");
        }
    }
}
