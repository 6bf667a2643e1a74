using Npgsql;

namespace RunbotVsCode.Layers.Tests;

/// <summary>Dumps the tables the layer commands write, one JSON text per row in id order, to compare states.</summary>
internal static class LayerTables
{
    private const string DumpSql = """
        SELECT id, row_to_json(t)::text FROM runbot_docker_layer t ORDER BY id;
        SELECT id, row_to_json(t)::text FROM ir_model_data t ORDER BY id;
        """;

    /// <summary>Returns every row of <c>runbot_docker_layer</c> then of <c>ir_model_data</c>, keyed by table and id.</summary>
    public static async Task<Dictionary<string, string>> DumpAsync(string connectionString)
    {
        var rows = new Dictionary<string, string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(DumpSql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        foreach (var table in new[] { "runbot_docker_layer", "ir_model_data" })
        {
            while (await reader.ReadAsync())
            {
                rows.Add($"{table} {reader.GetInt32(0)}", reader.GetString(1));
            }

            await reader.NextResultAsync();
        }

        return rows;
    }
}
