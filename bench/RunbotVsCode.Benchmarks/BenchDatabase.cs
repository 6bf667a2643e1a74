using Npgsql;

namespace RunbotVsCode.Benchmarks;

/// <summary>
/// A fresh database holding runbot's schema, the demo rows and a number of extra running builds on
/// <c>runbot-host-1.example.com</c>, dropped on dispose. The server is the one whose socket folder is in
/// <c>RUNBOTVSCODE_BENCH_PG_HOST</c> (default <c>/tmp/rvs-pg-bench</c>, as started by <c>tests/infra/start-postgres.sh</c>).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    /// <summary>The id of the first added build; the demo rows end at 108.</summary>
    public const long FirstAddedBuildId = 109;

    // Params 1 uses DockerDefault, which includes the code-server layer; each build gets its own dest and three ports.
    private const string AddBuildsSql = """
        INSERT INTO runbot_build (id, params_id, version_id, config_id, global_state, local_state, host, port, dest, active_step,
                                  job_start, build_type, parent_path, keep_running, access_token, create_date, write_date)
        SELECT id, 1, 1, 1, 'running', 'running', 'runbot-host-1.example.com', 3000 + 3 * n, lpad(id::text, 5, '0') || '-17-0', 3,
               now(), 'normal', id || '/', false, 'bench' || id, now(), now()
          FROM (SELECT nextval('runbot_build_id_seq') AS id, n FROM generate_series(1, @Count) AS n) AS added;
        """;

    private const string ToggleSql = """
        UPDATE runbot_build
           SET local_state = CASE local_state WHEN 'running' THEN 'done' ELSE 'running' END
         WHERE id = @Id;
        """;

    private BenchDatabase(string name)
    {
        Name = name;
        ConnectionString = $"Host={Host};Username=postgres;Database={name}";
    }

    /// <summary>Gets the database name.</summary>
    public string Name { get; }

    /// <summary>Gets a connection string to the database.</summary>
    public string ConnectionString { get; }

    private static string Host => Environment.GetEnvironmentVariable("RUNBOTVSCODE_BENCH_PG_HOST") is { Length: > 0 } host ? host : "/tmp/rvs-pg-bench";

    /// <summary>Creates the database with <paramref name="addedBuilds"/> running builds beside the demo rows.</summary>
    public static async Task<BenchDatabase> CreateAsync(int addedBuilds)
    {
        var database = new BenchDatabase($"rvs_bench_{Guid.NewGuid():N}");
        await using (var admin = await OpenAsync($"Host={Host};Username=postgres;Database=postgres"))
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database.Name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        await using var connection = await OpenAsync(database.ConnectionString);
        foreach (var file in new[] { BenchFiles.RunbotSchema, BenchFiles.DemoData })
        {
            await using var load = new NpgsqlCommand(await File.ReadAllTextAsync(file), connection);
            await load.ExecuteNonQueryAsync();
        }

        await using var add = new NpgsqlCommand(AddBuildsSql, connection);
        add.Parameters.AddWithValue("Count", addedBuilds);
        await add.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>Switches build <paramref name="buildId"/> between running and done, so the next pass routes one build more or less.</summary>
    public void ToggleBuild(long buildId)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(ToggleSql, connection);
        command.Parameters.AddWithValue("Id", buildId);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAsync($"Host={Host};Username=postgres;Database=postgres");
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
