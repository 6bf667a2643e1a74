using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Infrastructure;

/// <summary>
/// A small HTTP server on a unix socket or a loopback port that stands in for an upstream: it answers every request
/// with its name and the names of the cookies it received, so tests can tell which upstream nginx reached and what it sent.
/// </summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubServer(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    /// <summary>Gets the name the stub answers with.</summary>
    public string Name { get; }

    /// <summary>Gets or sets the status the stub answers with; 200 by default.</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    /// <summary>Gets the number of requests served.</summary>
    public int RequestCount => _requestCount;

    private int _requestCount;

    /// <summary>Starts a stub on a unix socket at <paramref name="socketPath"/>, readable and writable by every user.</summary>
    public static Task<StubServer> OnSocketAsync(string name, string socketPath) =>
        StartAsync(name, options => options.ListenUnixSocket(socketPath), () => File.SetUnixFileMode(socketPath, (UnixFileMode)0b110_110_110));

    /// <summary>Starts a stub on the loopback port <paramref name="port"/>.</summary>
    public static Task<StubServer> OnPortAsync(string name, int port, int status = StatusCodes.Status200OK) =>
        StartAsync(name, options => options.Listen(System.Net.IPAddress.Loopback, port), () => { }, status);

    private static async Task<StubServer> StartAsync(string name, Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions> listen, Action afterStart, int status = StatusCodes.Status200OK)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(listen);
        var app = builder.Build();
        var stub = new StubServer(app, name) { Status = status };
        app.UseWebSockets();
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        afterStart();
        return stub;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requestCount);
        if (context.WebSockets.IsWebSocketRequest)
        {
            await EchoAsync(context);
            return;
        }

        context.Response.StatusCode = Status;
        // Only the names, so a large Cookie header does not make a response header larger than nginx's proxy buffer.
        context.Response.Headers["X-Seen-Cookie"] = string.Join("; ", context.Request.Cookies.Keys);
        if (Status != StatusCodes.Status204NoContent)
        {
            await context.Response.WriteAsync($"upstream {Name} {context.Request.Path}\n");
        }
    }

    private static async Task EchoAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
        if (received.MessageType != System.Net.WebSockets.WebSocketMessageType.Close)
        {
            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
        }

        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", context.RequestAborted);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
