using System.Net;
using System.Net.Sockets;

namespace RunbotVsCode.Hosting;

/// <summary>The machine's fully qualified name, as runbot records it in <c>runbot_build.host</c> by default.</summary>
public static class LocalHostName
{
    /// <summary>Returns the canonical name of this machine, or its short name when name resolution fails.</summary>
    public static string Get()
    {
        var shortName = Dns.GetHostName();
        try
        {
            return Dns.GetHostEntry(shortName).HostName;
        }
        catch (SocketException)
        {
            return shortName;
        }
    }
}
