using System.Net;
using System.Net.Sockets;

namespace JobRec.Testing;

/// <summary>Free loopback TCP ports for test servers, taken below the kernel's ephemeral range (32768 and up on Linux).</summary>
/// <remarks>A port in the ephemeral range can be taken at any moment as the local end of an outgoing connection (the suite makes thousands:
/// PostgreSQL, HTTP and gateway clients), so a port the OS reported free there may be gone before the server binds it. Below that range only
/// an explicit bind takes a port. Each process walks its own slice of 20000-31999 (chosen by process id) and returns only ports it could
/// bind a moment ago; a server should still bind at once.</remarks>
public static class FreePort
{
    private const int First = 20_000;
    private const int Count = 12_000;
    private const int Slice = 1_000;
    private static int _next = (Environment.ProcessId % (Count / Slice)) * Slice;

    /// <summary>A port no one in this process was given before that was free on 127.0.0.1 a moment ago.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {First + Count - 1}");
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
}
