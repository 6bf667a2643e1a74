using Dapper;
using Npgsql;

namespace RunbotVsCode.Layers;

/// <summary>The external ids (<c>ir_model_data</c> rows) that name the layers the layer commands own.</summary>
internal static class LayerXmlIds
{
    /// <summary>The <c>ir_model_data.model</c> of a layer.</summary>
    public const string LayerModel = "runbot.docker_layer";

    /// <summary>The module of runbot's own external ids.</summary>
    public const string RunbotModule = "runbot";

    /// <summary>The name of runbot's template layer that creates the runbot user, in <see cref="RunbotModule"/>.</summary>
    public const string CreateUserTemplateName = "docker_layer_create_user_template";

    private const string FindLayerIdSql = """
        SELECT res_id
          FROM ir_model_data
         WHERE module = @Module AND name = @Name AND model = 'runbot.docker_layer'
        """;

    /// <summary>
    /// Returns the name of the external id of the layer that attaches the source layer to a Dockerfile, such as
    /// <c>docker_layer_code_server_ref_1</c>: keyed by the Dockerfile id, so it survives renames on both sides.
    /// </summary>
    public static string ReferenceName(string sourceName, int dockerfileId) => $"{sourceName}_ref_{dockerfileId}";

    /// <summary>Returns the <c>res_id</c> of the layer this external id names, or null when there is none.</summary>
    public static async Task<int?> FindLayerIdAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string module,
        string name,
        CancellationToken cancellationToken)
    {
        var command = new CommandDefinition(FindLayerIdSql, new { Module = module, Name = name }, transaction, cancellationToken: cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<int?>(command);
    }
}
