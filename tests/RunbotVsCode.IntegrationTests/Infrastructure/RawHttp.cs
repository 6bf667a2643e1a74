using System.Net.Sockets;
using System.Text;

namespace RunbotVsCode.Infrastructure;

/// <summary>Sends a hand-written HTTP/1.1 request and reads the status line, for requests HttpClient will not send, such as a WebSocket handshake with a chosen Host.</summary>
public static class RawHttp
{
    /// <summary>Sends a WebSocket handshake to 127.0.0.1:<paramref name="port"/> and returns the response status code.</summary>
    public static async Task<int> WebSocketHandshakeAsync(int port, string host, string? origin, string? cookie)
    {
        var request = new StringBuilder()
            .Append("GET / HTTP/1.1\r\n")
            .Append("Host: ").Append(host).Append("\r\n")
            .Append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        if (origin is not null)
        {
            request.Append("Origin: ").Append(origin).Append("\r\n");
        }

        if (cookie is not null)
        {
            request.Append("Cookie: ").Append(cookie).Append("\r\n");
        }

        request.Append("\r\n");

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var statusLine = await reader.ReadLineAsync(timeout.Token) ?? "";
        var parts = statusLine.Split(' ');
        return parts.Length > 1 && int.TryParse(parts[1], out var status) ? status : -1;
    }

    /// <summary>
    /// Sends <c>GET <paramref name="path"/></c> to 127.0.0.1:<paramref name="port"/> with <paramref name="cookieHeader"/>
    /// as the raw bytes of the Cookie header, and returns the status code, or -1 when the server closed without a status line.
    /// </summary>
    public static async Task<int> GetWithCookieBytesAsync(int port, string host, string path, byte[] cookieHeader)
    {
        using var request = new MemoryStream();
        request.Write(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nCookie: "));
        request.Write(cookieHeader);
        request.Write("\r\n\r\n"u8);

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request.ToArray());
        }
        catch (IOException)
        {
            // A server may send its response and close before it has read a huge header.
        }

        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string statusLine;
        try
        {
            statusLine = await reader.ReadLineAsync(timeout.Token) ?? "";
        }
        catch (IOException)
        {
            return -1;
        }

        var parts = statusLine.Split(' ');
        return parts.Length > 1 && int.TryParse(parts[1], out var status) ? status : -1;
    }
}
