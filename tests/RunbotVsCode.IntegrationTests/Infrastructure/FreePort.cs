using System.Net;
using System.Net.Sockets;

namespace RunbotVsCode.Infrastructure;

/// <summary>
/// Finds loopback TCP ports that no process listens on, below the kernel's ephemeral range. A port the kernel hands out for
/// port 0 can be taken again as the source port of any outgoing connection before nginx binds it, and nginx then fails
/// with "Address already in use"; ports below the range are never given to outgoing connections.
/// </summary>
public static class FreePort
{
    private const int First = 20000;

    private static readonly int End = Math.Min(32768, EphemeralStart());
    private static int _next = Random.Shared.Next(End - First);

    /// <summary>Returns a port between 20000 and the ephemeral range that could be bound on 127.0.0.1 just now.</summary>
    public static int Next() => NextRun(1);

    /// <summary>
    /// Returns the first of <paramref name="count"/> consecutive free ports, as runbot gives a build three (Odoo,
    /// longpolling, and the third that HostPort mode publishes).
    /// </summary>
    public static int NextRun(int count)
    {
        var span = End - First - count;
        for (var attempt = 0; attempt < span; attempt++)
        {
            var start = First + (int)((uint)Interlocked.Add(ref _next, count) % (uint)span);
            if (Enumerable.Range(start, count).All(IsFree))
            {
                return start;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive loopback ports from {First} to {End - 1} are free.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the first port of Linux's ephemeral range. Returns the kernel's default, 32768, when the file is absent or the
    /// range starts below 21000, which leaves too few ports under it.
    /// </summary>
    private static int EphemeralStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture) is var start and > First + 1000 ? start : 32768;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return 32768;
        }
    }
}
