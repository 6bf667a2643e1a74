using System.Net;
using System.Net.Sockets;

namespace RunbotVsCode.Infrastructure;

/// <summary>Finds loopback TCP ports nobody listens on.</summary>
public static class FreePort
{
    /// <summary>Returns a port the kernel just gave out and released on 127.0.0.1.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
