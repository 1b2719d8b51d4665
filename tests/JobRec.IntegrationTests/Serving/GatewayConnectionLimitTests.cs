using System.Net;
using System.Net.Sockets;
using JobRec.ML.Recommenders;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using JobRec.ML.Text;

namespace JobRec.IntegrationTests.Serving;

/// <summary>The gateway listener's bounds: a connection past the maximum is closed at once, a silent one after the idle timeout.</summary>
public sealed class GatewayConnectionLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jobrec-gwlimits-").FullName;

    [Fact]
    public async Task Connections_past_the_maximum_are_closed_and_silent_ones_time_out()
    {
        var gatewayPort = FreePort.Next();
        await using var app = ServingHost.Build(new ServingHostOptions
        {
            DataDirectory = _dir,
            HttpUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}"),
            GatewayPort = gatewayPort,
            InMemoryState = true,
            Dashboard = false,
            Metrics = false,
            GatewayLimits = new GatewayConnectionLimits { MaxConnections = 2, IdleTimeout = TimeSpan.FromSeconds(10) },
            Encoder = new HashedTextEncoder(64),
        });
        await app.StartAsync();
        try
        {
            using var first = await Connect(gatewayPort);
            using var second = await Connect(gatewayPort);
            using var third = await Connect(gatewayPort);
            // The silo handles accepted connections concurrently, so the one refused is whichever reached the guard last, not
            // necessarily the third one opened. Generous bounds are failure guards only (a busy machine may be slow); the idle
            // timeout (10 s) is far from the checks before it.
            TcpClient[] clients = [first, second, third];
            var refused = await FirstClosedWithin(clients, TimeSpan.FromSeconds(5));
            Assert.True(refused >= 0, "all three connections stayed open past MaxConnections = 2");
            var held = clients.Where((_, i) => i != refused).ToArray();
            foreach (var client in held)
            {
                Assert.False(await ClosedWithin(client, TimeSpan.FromMilliseconds(500)), "a connection within the maximum was closed before its idle timeout");
            }

            // Neither held connection sends a byte: both are closed once the 10 s idle timeout passes, which frees their places.
            Assert.True(await ClosedWithin(held[0], TimeSpan.FromSeconds(40)), "a silent connection outlived the idle timeout");
            Assert.True(await ClosedWithin(held[1], TimeSpan.FromSeconds(10)));
            // The silo frees a place when it has finished closing a connection, which can be a moment after the client sees the close:
            // a new connection must be accepted once that is done (tried for up to 20 s as a failure guard).
            Assert.True(await AcceptedWithin(gatewayPort, TimeSpan.FromSeconds(20)), "no new connection was accepted after the others timed out");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<TcpClient> Connect(int port)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
        }
        catch (SocketException e)
        {
            client.Dispose();
            throw new InvalidOperationException($"connecting to the gateway on 127.0.0.1:{port} failed: {e.SocketErrorCode}", e);
        }

        return client;
    }

    /// <summary>Whether a connection made within <paramref name="wait"/> stays open for half a second (retrying while the server still closes them).</summary>
    private static async Task<bool> AcceptedWithin(int port, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
        {
            using var client = await Connect(port);
            if (!await ClosedWithin(client, TimeSpan.FromMilliseconds(500)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the first of <paramref name="clients"/> the server closes within <paramref name="wait"/>; -1 when none is.</summary>
    private static Task<int> FirstClosedWithin(TcpClient[] clients, TimeSpan wait) => Task.Run(() =>
    {
        var buffer = new byte[4096];
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
        {
            for (var i = 0; i < clients.Length; i++)
            {
                var socket = clients[i].Client;
                if (!socket.Poll(TimeSpan.FromMilliseconds(20), SelectMode.SelectRead))
                {
                    continue;
                }

                try
                {
                    if (socket.Receive(buffer) == 0)
                    {
                        return i;
                    }
                }
                catch (SocketException)
                {
                    return i;
                }
            }
        }

        return -1;
    });

    /// <summary>Whether the server closed the socket within <paramref name="wait"/> (polls without cancelling reads, draining what the silo
    /// sends, e.g. its preamble).</summary>
    private static async Task<bool> ClosedWithin(TcpClient client, TimeSpan wait) => await FirstClosedWithin([client], wait) == 0;
}
