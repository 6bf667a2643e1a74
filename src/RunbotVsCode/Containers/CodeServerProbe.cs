using System.Net.Sockets;
using System.Text.Json;

namespace RunbotVsCode.Containers;

/// <summary>Checks whether code-server responds to HTTP at an upstream address.</summary>
internal class CodeServerProbe
{
    /// <summary>The longest one probe may take; a code-server that is up responds in milliseconds.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sends <c>GET /healthz</c> and returns true for any HTTP response, since any status means code-server
    /// listens. Returns false when nothing accepts the connection or no response comes within two seconds.
    /// </summary>
    public virtual async Task<bool> RespondsAsync(CodeServerUpstream upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);

        // A client per probe, because pooled connections are keyed by host name, and every socket upstream shares one.
        using var handler = CreateHandler(upstream);
        using var client = new HttpClient(handler) { Timeout = ProbeTimeout };
        try
        {
            using var response = await client.GetAsync(HealthUri(upstream), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Returns whether code-server reports recent activity: its <c>/healthz</c> route returns
    /// <c>{"status": "alive"}</c> for a minute after the last request, and for as long as a connection such as the
    /// editor's WebSocket stays open (code-server 4.x, <c>src/node/heart.ts</c>). Returns false when it reports
    /// <c>expired</c>, and null when it does not respond or the body is not code-server's health JSON.
    /// </summary>
    public virtual async Task<bool?> IsAliveAsync(CodeServerUpstream upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);

        using var handler = CreateHandler(upstream);
        using var client = new HttpClient(handler) { Timeout = ProbeTimeout };
        try
        {
            using var stream = await client.GetStreamAsync(HealthUri(upstream), cancellationToken).ConfigureAwait(false);
            using var health = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return health.RootElement.ValueKind == JsonValueKind.Object
                && health.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String
                    ? status.GetString() == "alive"
                    : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    private static SocketsHttpHandler CreateHandler(CodeServerUpstream upstream)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        if (upstream.SocketPath is { } socketPath)
        {
            handler.ConnectCallback = (_, cancellationToken) => ConnectUnixAsync(socketPath, cancellationToken);
        }

        return handler;
    }

    private static async ValueTask<Stream> ConnectUnixAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Uri HealthUri(CodeServerUpstream upstream) =>
        upstream.SocketPath is null ? new Uri($"http://{upstream.NginxAddress}/healthz") : new Uri("http://localhost/healthz");
}
