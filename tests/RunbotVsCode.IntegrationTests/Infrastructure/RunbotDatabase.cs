using Npgsql;

namespace RunbotVsCode.Infrastructure;

/// <summary>
/// A fresh database loaded with the runbot schema and the demo rows of <c>samples/</c>, copied from a template that
/// each test process builds once, and dropped on dispose.
/// </summary>
public sealed class RunbotDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly HashSet<string> ReadyTemplates = [];

    private RunbotDatabase(string name)
    {
        Name = name;
        ConnectionString = $"Host={TestServices.PostgresHost};Username=postgres;Database={name};Pooling=false";
    }

    /// <summary>Gets the database name.</summary>
    public string Name { get; }

    /// <summary>Gets a connection string to the database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a database holding the schema and, unless <paramref name="withDemoData"/> is false, the demo rows.</summary>
    public static async Task<RunbotDatabase> CreateAsync(bool withDemoData = true)
    {
        var templateName = $"rvs_template_{(withDemoData ? "demo" : "schema")}_{Environment.ProcessId}";
        await EnsureTemplateAsync(templateName, withDemoData);

        var name = $"rvs_{Guid.NewGuid():N}";
        await using var admin = await OpenAdminAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {templateName}", admin);
        await command.ExecuteNonQueryAsync();
        return new RunbotDatabase(name);
    }

    /// <summary>Runs <paramref name="sql"/> in the database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await using var admin = await OpenAdminAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task EnsureTemplateAsync(string templateName, bool withDemoData)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (ReadyTemplates.Contains(templateName))
            {
                return;
            }

            await using (var admin = await OpenAdminAsync())
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {templateName} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {templateName}", admin);
                await create.ExecuteNonQueryAsync();
            }

            var samples = Path.Combine(TestServices.RepositoryRoot, "samples");
            var template = new RunbotDatabase(templateName);
            await template.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(samples, "runbot-schema.sql")));
            if (withDemoData)
            {
                await template.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(samples, "demo-data.sql")));
            }

            ReadyTemplates.Add(templateName);
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection($"Host={TestServices.PostgresHost};Username=postgres;Database=postgres;Pooling=false");
        await connection.OpenAsync();
        return connection;
    }
}
