using System.Globalization;
using System.Text;

namespace RunbotVsCode.Layers;

/// <summary>
/// One row written by a layer command, exactly as it is executed: planned first so that <c>--dry-run</c> prints
/// the same changes a real run makes.
/// </summary>
/// <param name="Kind">Insert, update or delete.</param>
/// <param name="Table">The table.</param>
/// <param name="RowId">The <c>id</c> of the row updated or deleted; null for an insert.</param>
/// <param name="Columns">
/// The columns inserted or set, in order. Values are <see cref="string"/>, <see cref="int"/>, <see cref="bool"/>,
/// <see cref="DateTime"/> (UTC, stored without time zone), <see cref="JsonbText"/>, <see cref="InsertedRowId"/> or null.
/// </param>
public sealed record RowChange(RowChangeKind Kind, string Table, int? RowId, IReadOnlyList<KeyValuePair<string, object?>> Columns)
{
    /// <summary>Returns a change inserting a row with these columns.</summary>
    public static RowChange Insert(string table, params KeyValuePair<string, object?>[] columns) => new(RowChangeKind.Insert, table, null, columns);

    /// <summary>Returns a change setting these columns of the row with this id.</summary>
    public static RowChange Update(string table, int id, params KeyValuePair<string, object?>[] columns) => new(RowChangeKind.Update, table, id, columns);

    /// <summary>Returns a change deleting the row with this id.</summary>
    public static RowChange Delete(string table, int id) => new(RowChangeKind.Delete, table, id, []);

    /// <summary>Describes the change on one line, such as <c>update runbot_docker_layer id 40: content = '...'</c>.</summary>
    public override string ToString()
    {
        var target = Kind switch
        {
            RowChangeKind.Insert => $"insert into {Table}",
            RowChangeKind.Update => $"update {Table} id {RowId}",
            _ => $"delete from {Table} id {RowId}",
        };

        return Columns.Count == 0
            ? target
            : $"{target}: {string.Join(", ", Columns.Select(column => $"{column.Key} = {FormatValue(column.Value)}"))}";
    }

    /// <summary>Writes a value as SQL would, with strings quoted and line breaks shown as <c>\n</c>.</summary>
    internal static string FormatValue(object? value) => value switch
    {
        null => "NULL",
        string text => Quote(text),
        JsonbText json => Quote(json.Json),
        bool flag => flag ? "true" : "false",
        DateTime time => Quote(time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "NULL",
    };

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var character in text)
        {
            builder.Append(character switch
            {
                '\'' => "''",
                '\\' => @"\\",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ => character.ToString(),
            });
        }

        return builder.Append('\'').ToString();
    }
}
