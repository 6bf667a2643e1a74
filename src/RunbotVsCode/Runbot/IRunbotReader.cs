namespace RunbotVsCode.Runbot;

/// <summary>Reads a snapshot of runbot's database for one pass.</summary>
public interface IRunbotReader
{
    /// <summary>
    /// Reads the running builds of <paramref name="hostName"/> and whether each one's Dockerfile renders the layer
    /// named by <paramref name="layerXmlId"/>.
    /// </summary>
    Task<RunbotSnapshot> ReadAsync(string hostName, string layerXmlId, CancellationToken cancellationToken = default);

    /// <summary>Reads the running builds of every host, as <see cref="ReadAsync"/> does for one.</summary>
    Task<RunbotSnapshot> ReadAllHostsAsync(string layerXmlId, CancellationToken cancellationToken = default);
}
