using Npgsql;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Faults.Tests;

/// <summary>
/// A PostgreSQL cluster of its own, started with <c>tests/infra/start-postgres.sh</c> and loaded with the runbot schema
/// and demo rows, so a test can stop and start it without touching the cluster every other test shares.
/// </summary>
internal sealed class ThrowawayCluster : IAsyncDisposable
{
    private readonly TestFolder _folder = new("rvs-faultpg");

    private ThrowawayCluster()
    {
    }

    /// <summary>Gets a connection string to the loaded database, with Npgsql's default connection pool.</summary>
    public string ConnectionString => $"Host={_folder.Path};Username=postgres;Database=runbot";

    /// <summary>Starts the cluster and loads <c>samples/runbot-schema.sql</c> and <c>samples/demo-data.sql</c>.</summary>
    public static async Task<ThrowawayCluster> StartAsync()
    {
        var cluster = new ThrowawayCluster();
        await cluster.StartServerAsync();

        await using (var admin = new NpgsqlConnection($"Host={cluster._folder.Path};Username=postgres;Database=postgres;Pooling=false"))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE runbot", admin);
            await create.ExecuteNonQueryAsync();
        }

        var samples = Path.Combine(TestServices.RepositoryRoot, "samples");
        await cluster.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(samples, "runbot-schema.sql")));
        await cluster.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(samples, "demo-data.sql")));
        return cluster;
    }

    /// <summary>Runs <paramref name="sql"/> in the loaded database on a connection of its own.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Opens a connection that holds an <c>ACCESS EXCLUSIVE</c> lock on <paramref name="table"/> in an open transaction,
    /// so every query of the service that reads the table waits inside the database until the connection ends.
    /// </summary>
    public async Task<NpgsqlConnection> LockTableAsync(string table)
    {
        var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE;", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Waits until another session waits for a lock in the loaded database, and fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForLockWaitAsync(TimeSpan timeout)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = 'runbot' AND wait_event_type = 'Lock'", connection);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"no query waited for a lock in the throwaway cluster within {timeout}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Starts the server again on the same data folder.</summary>
    public async Task StartServerAsync()
    {
        var (exitCode, output) = await FaultHarness.RunAsync("bash", Script("start-postgres.sh"), _folder.Path);
        if (exitCode != 0)
        {
            TestServices.Unavailable("A throwaway PostgreSQL cluster", $"start-postgres.sh exited with {exitCode}: {output}");
        }
    }

    /// <summary>
    /// Stops the server with <c>pg_ctl -m fast</c>, which ends every open connection, or with <paramref name="crash"/>
    /// with <c>-m immediate</c>, which kills it as a crash would, so no query still running can finish.
    /// </summary>
    public async Task StopServerAsync(bool crash = false)
    {
        var (exitCode, output) = await FaultHarness.RunAsync("bash", Script("stop-postgres.sh"), _folder.Path, crash ? "immediate" : "fast");
        Assert.That(exitCode, Is.Zero, output);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        _folder.Dispose();
    }

    /// <summary>Opens a connection of its own to the loaded database, outside the pool, so a stop of the server ends it.</summary>
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    private static string Script(string name) => Path.Combine(TestServices.RepositoryRoot, "tests", "infra", name);
}
