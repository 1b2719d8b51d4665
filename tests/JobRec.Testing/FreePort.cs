using System.Net;
using System.Net.Sockets;

namespace JobRec.Testing;

/// <summary>Free loopback TCP ports for test servers.</summary>
public static class FreePort
{
    /// <summary>A port the OS reported free on 127.0.0.1 a moment ago (another process may take it before the caller binds).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
