using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace RunbotVsCode.Layers;

/// <summary>Executes planned <see cref="RowChange"/>s, one statement each, with every value passed as a parameter.</summary>
internal static partial class RowChangeWriter
{
    /// <summary>Executes the changes in order inside <paramref name="transaction"/>; throws when a row to update or delete is gone.</summary>
    public static async Task ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyList<RowChange> changes,
        CancellationToken cancellationToken)
    {
        var insertedIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var (sql, parameters) = BuildStatement(change, insertedIds);
            var command = new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken);
            if (change.Kind == RowChangeKind.Insert)
            {
                insertedIds[change.Table] = await connection.ExecuteScalarAsync<int>(command);
            }
            else if (await connection.ExecuteAsync(command) != 1)
            {
                throw new LayerChangeException($"Row {change.RowId} of {change.Table} changed while it was written; run the command again.");
            }
        }
    }

    /// <summary>Builds the statement of one change; table and column names come from code, never from data.</summary>
    internal static (string Sql, DynamicParameters Parameters) BuildStatement(RowChange change, IReadOnlyDictionary<string, int> insertedIds)
    {
        var table = Identifier(change.Table);
        var parameters = new DynamicParameters();
        var columns = new List<string>();
        var values = new List<string>();
        for (var index = 0; index < change.Columns.Count; index++)
        {
            var (column, value) = change.Columns[index];
            columns.Add(Identifier(column));
            values.Add(AddParameter(parameters, $"p{index}", value, insertedIds));
        }

        if (change.Kind != RowChangeKind.Insert)
        {
            parameters.Add("id", change.RowId);
        }

        var sql = change.Kind switch
        {
            RowChangeKind.Insert => $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)}) RETURNING id",
            RowChangeKind.Update => $"UPDATE {table} SET {string.Join(", ", columns.Zip(values, (column, value) => $"{column} = {value}"))} WHERE id = @id",
            _ => $"DELETE FROM {table} WHERE id = @id",
        };
        return (sql, parameters);
    }

    private static string AddParameter(DynamicParameters parameters, string name, object? value, IReadOnlyDictionary<string, int> insertedIds)
    {
        switch (value)
        {
            case JsonbText json:
                parameters.Add(name, json.Json);
                return $"CAST(@{name} AS jsonb)";
            case InsertedRowId inserted:
                var id = insertedIds.TryGetValue(inserted.Table, out var insertedId)
                    ? insertedId
                    : throw new InvalidOperationException($"The plan uses the id of a new {inserted.Table} row before inserting one.");
                parameters.Add(name, id);
                return $"@{name}";
            case DateTime time:
                // Odoo stores UTC in "timestamp without time zone"; an Unspecified kind makes Npgsql send exactly that.
                parameters.Add(name, DateTime.SpecifyKind(time, DateTimeKind.Unspecified));
                return $"@{name}";
            default:
                parameters.Add(name, value);
                return $"@{name}";
        }
    }

    private static string Identifier(string name) => IdentifierPattern().IsMatch(name)
        ? $"\"{name}\""
        : throw new ArgumentException($"'{name}' is not a plain SQL identifier.", nameof(name));

    [GeneratedRegex(@"\A[a-z_][a-z0-9_]*\z")]
    private static partial Regex IdentifierPattern();
}
