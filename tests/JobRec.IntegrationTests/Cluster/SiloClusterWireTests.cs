using System.Net.Sockets;
using JobRec.Contracts.Benchmarks;
using static JobRec.IntegrationTests.Cluster.ClusterProcessEnvironment;

namespace JobRec.IntegrationTests.Cluster;

/// <summary>A real Orleans silo process: garbage, oversized lengths and truncated bytes on its gateway and silo-to-silo ports close only that
/// connection; the silo keeps serving its clients.</summary>
public sealed class SiloClusterWireTests
{
    public static TheoryData<string, byte[]> BadInputs() => new()
    {
        { "negative length", [0xFB, 0xFF, 0xFF, 0xFF, 1, 2, 3] },
        { "oversized length", [0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3] },
        { "frame that is not a request", [5, 0, 0, 0, 9, 9, 9, 9, 9] },
        { "request with a truncated header", [10, 0, 0, 0, 1, 7, 0, 0, 0, 0, 0, 0, 0, 0] },
        { "random bytes", Random() },
    };

    [Fact]
    public async Task Garbage_and_truncated_frames_on_gateway_and_silo_ports_close_only_that_connection()
    {
        await using var cluster = await CreateClusterAsync();
        var silo = await cluster.StartSiloAsync("w1");
        await using var healthy = await ClientAsync(silo.Gateway, TimeSpan.FromSeconds(30));
        var grain = healthy.GetGrain<ISequencedCounterGrain>("wire");
        Assert.Equal(1, (await grain.AddAsync(1)).Count);

        foreach (var endpoint in new[] { silo.Gateway, silo.SiloEndpoint })
        {
            foreach (var (name, bytes) in BadInputs().Select(r => ((string)r[0], (byte[])r[1])))
            {
                using var socket = await ConnectAsync(endpoint);
                await socket.SendAsync(bytes);
                Assert.True(await ClosedByPeerAsync(socket, TimeSpan.FromSeconds(20)), $"{endpoint}: the silo kept the connection open after {name}");
            }

            // A frame cut off mid-payload, then the sender goes away: nothing to answer, nothing else disturbed.
            using (var truncated = await ConnectAsync(endpoint))
            {
                await truncated.SendAsync(new byte[] { 200, 0, 0, 0, 1, 2, 3, 4 });
                truncated.Shutdown(SocketShutdown.Send);
                Assert.True(await ClosedByPeerAsync(truncated, TimeSpan.FromSeconds(20)), $"{endpoint}: truncated frame left the connection open");
            }

            Assert.Equal(1, (await grain.GetAsync()).Count);
            await using var fresh = await ClientAsync(silo.Gateway, TimeSpan.FromSeconds(30));
            Assert.Equal(1, (await fresh.GetGrain<ISequencedCounterGrain>("wire").GetAsync()).Count);
        }

        Assert.False(silo.HasExited);
        Assert.Equal(2, (await grain.AddAsync(2)).Count);
    }

    private static byte[] Random()
    {
        var bytes = new byte[2048];
        new Random(8).NextBytes(bytes);
        bytes[0] = 64; // a plausible length, so the bad kind byte (not the length) is what the silo rejects
        bytes[1] = bytes[2] = bytes[3] = 0;
        bytes[4] = 0xEE;
        return bytes;
    }

    private static async Task<Socket> ConnectAsync(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint[..colon], int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return socket;
    }

    private static async Task<bool> ClosedByPeerAsync(Socket socket, TimeSpan within)
    {
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                if (await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return true; // reset by the peer
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
