using System.Net;

namespace JobRec.LoadTest.Targets;

/// <summary>Guards against loading a machine other than this one by accident: only loopback hosts pass unless remote targets are allowed explicitly.</summary>
public static class TargetAddress
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the host when it is not loopback and <paramref name="allowRemote"/> is false.</summary>
    public static void EnsureAllowed(string host, bool allowRemote)
    {
        if (allowRemote || IsLoopback(host))
        {
            return;
        }

        throw new ArgumentException($"Target host '{host}' is not a loopback address; pass --allow-remote to load a remote machine.", nameof(host));
    }

    /// <summary>True for "localhost" and literal loopback addresses (127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(string host)
    {
        var h = host.Trim('[', ']');
        return string.Equals(h, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(h, out var ip) && IPAddress.IsLoopback(ip));
    }
}
