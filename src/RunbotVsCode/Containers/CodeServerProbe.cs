using System.Net.Sockets;

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
