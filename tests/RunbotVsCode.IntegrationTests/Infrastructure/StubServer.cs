using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Infrastructure;

/// <summary>
/// A small HTTP server on a unix socket or a loopback port that replaces an upstream in tests: it responds to every request
/// with its name and the names of the cookies it received, so tests can tell which upstream nginx reached and what it sent.
/// A WebSocket upgrade is an echo; as in code-server 4.10 and later, one whose Origin host and port differ from the
/// Host (or X-Forwarded-Host) header is rejected with 403.
/// </summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubServer(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    /// <summary>Gets the name the stub puts in every response.</summary>
    public string Name { get; }

    /// <summary>Gets or sets the status of every response; 200 by default.</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    /// <summary>
    /// Gets or sets whether <c>GET /</c> returns an HTML editor page instead of plain text. The page names the stub in
    /// <c>#name</c>, lists the cookie names it received in <c>#cookies</c>, opens a WebSocket to <c>/ws</c> on its own
    /// origin and shows the echo of its message in <c>#echo</c>, or <c>failed</c> when the socket fails.
    /// </summary>
    public bool ServesEditorPage { get; set; }

    /// <summary>Gets the number of requests served.</summary>
    public int RequestCount => _requestCount;

    private int _requestCount;

    /// <summary>Starts a stub on a unix socket at <paramref name="socketPath"/>, readable and writable by every user.</summary>
    public static Task<StubServer> OnSocketAsync(string name, string socketPath) =>
        StartAsync(name, options => options.ListenUnixSocket(socketPath), () => File.SetUnixFileMode(socketPath, (UnixFileMode)0b110_110_110));

    /// <summary>
    /// Starts a stub editor on build <paramref name="dest"/>'s code-server socket under <paramref name="buildRoot"/>,
    /// where the service expects it in Socket mode, with folders nginx's unprivileged workers can traverse.
    /// </summary>
    public static Task<StubServer> ForBuildAsync(string buildRoot, string dest)
    {
        var folder = Path.Combine(buildRoot, dest, ".vscode-server");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(Path.Combine(buildRoot, dest), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return OnSocketAsync(dest, Path.Combine(folder, "code-server.sock"));
    }

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
            if (!OriginMatchesHost(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await EchoAsync(context);
            return;
        }

        context.Response.StatusCode = Status;
        // Only the names, so a large Cookie header does not make a response header larger than nginx's proxy buffer.
        var cookieNames = string.Join("; ", context.Request.Cookies.Keys);
        context.Response.Headers["X-Seen-Cookie"] = cookieNames;
        if (ServesEditorPage && Status == StatusCodes.Status200OK && context.Request.Path == "/")
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(EditorPage(cookieNames));
        }
        else if (Status != StatusCodes.Status204NoContent)
        {
            await context.Response.WriteAsync($"upstream {Name} {context.Request.Path}\n");
        }
    }

    private static bool OriginMatchesHost(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        // Uri.Authority leaves out the scheme's default port, as the host of a URL does in code-server's check.
        var forwarded = request.Headers["X-Forwarded-Host"].ToString();
        var host = (forwarded.Length > 0 ? forwarded : request.Headers.Host.ToString()).Split(',')[0].Trim();
        return Uri.TryCreate(origin, UriKind.Absolute, out var originUri)
            && string.Equals(originUri.Authority, host, StringComparison.OrdinalIgnoreCase);
    }

    private string EditorPage(string cookieNames)
    {
        var name = HtmlEncoder.Default.Encode(Name);
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>editor {{name}}</title></head>
            <body>
            <h1 id="name">{{name}}</h1>
            <p>Cookies seen: <span id="cookies">{{HtmlEncoder.Default.Encode(cookieNames)}}</span></p>
            <p>WebSocket echo: <span id="echo">waiting</span></p>
            <script>
            const echo = document.getElementById('echo');
            const socket = new WebSocket('ws://' + location.host + '/ws');
            socket.onopen = () => socket.send('hello from ' + document.getElementById('name').textContent);
            socket.onmessage = event => { echo.textContent = event.data; };
            socket.onerror = () => { echo.textContent = 'failed'; };
            </script>
            </body></html>
            """;
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
