using Npgsql;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Layers.Tests;

/// <summary>A fresh database holding only runbot's schema and its sample rows, with a data source on it.</summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly RunbotDatabase _database;

    private ThrowawayPostgres(RunbotDatabase database)
    {
        _database = database;
        DataSource = NpgsqlDataSource.Create(database.ConnectionString);
    }

    /// <summary>Gets a data source on the database.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Creates the database from samples/runbot-schema.sql, without the demo rows.</summary>
    public static async Task<ThrowawayPostgres> StartAsync() => new(await RunbotDatabase.CreateAsync(withDemoData: false));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
