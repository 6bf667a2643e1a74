namespace RunbotVsCode.Layers.Tests;

public sealed class RowChangeTests
{
    private static readonly DateTime Time = new(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Test]
    public void ToString_Insert_ListsColumnsAsSqlValues()
    {
        var change = RowChange.Insert(
            "runbot_docker_layer",
            KeyValuePair.Create<string, object?>("name", "it's"),
            KeyValuePair.Create<string, object?>("content", "a\nb\\c"),
            KeyValuePair.Create<string, object?>("dockerfile_id", null),
            KeyValuePair.Create<string, object?>("values", new JsonbText("{}")),
            KeyValuePair.Create<string, object?>("noupdate", true),
            KeyValuePair.Create<string, object?>("write_date", Time));

        Assert.That(change.ToString(), Is.EqualTo(
            @"insert into runbot_docker_layer: name = 'it''s', content = 'a\nb\\c', dockerfile_id = NULL, values = '{}', noupdate = true, write_date = '2025-01-02 03:04:05.000000'"));
    }

    [Test]
    public void ToString_Delete_NamesRow()
    {
        Assert.That(RowChange.Delete("ir_model_data", 7).ToString(), Is.EqualTo("delete from ir_model_data id 7"));
    }

    [Test]
    public void BuildStatement_Update_QuotesColumnsAndCastsJsonb()
    {
        var change = RowChange.Update(
            "runbot_docker_layer",
            40,
            KeyValuePair.Create<string, object?>("values", new JsonbText("{}")),
            KeyValuePair.Create<string, object?>("write_uid", 1));

        var (sql, parameters) = RowChangeWriter.BuildStatement(change, new Dictionary<string, int>());

        Assert.That(sql, Is.EqualTo("UPDATE \"runbot_docker_layer\" SET \"values\" = CAST(@p0 AS jsonb), \"write_uid\" = @p1 WHERE id = @id"));
        Assert.That(parameters.Get<int>("id"), Is.EqualTo(40));
    }

    [Test]
    public void BuildStatement_InsertedRowId_UsesEarlierInsert()
    {
        var change = RowChange.Insert("ir_model_data", KeyValuePair.Create<string, object?>("res_id", new InsertedRowId("runbot_docker_layer")));

        var (sql, parameters) = RowChangeWriter.BuildStatement(change, new Dictionary<string, int> { ["runbot_docker_layer"] = 12 });

        Assert.That(sql, Is.EqualTo("INSERT INTO \"ir_model_data\" (\"res_id\") VALUES (@p0) RETURNING id"));
        Assert.That(parameters.Get<int>("p0"), Is.EqualTo(12));
    }

    [Test]
    public void BuildStatement_UnsafeColumnName_Throws()
    {
        var change = RowChange.Insert("runbot_docker_layer", KeyValuePair.Create<string, object?>("name\"; DROP", "x"));

        Assert.Throws<ArgumentException>(() => RowChangeWriter.BuildStatement(change, new Dictionary<string, int>()));
    }
}
