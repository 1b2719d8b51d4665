using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using JobRec.Actors.Tests.TestGrains;
using JobRec.Actors.Transport;
using JobRec.Client;

namespace JobRec.Actors.Tests;

public sealed class GatewayTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public GatewayTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Client_round_trips_typed_calls_through_the_gateway_on_loopback()
    {
        Assert.StartsWith("127.0.0.1:", _fixture.Cluster.GatewayAddress);
        await using var client = await ClusterClient.ConnectAsync(_fixture.Cluster.GatewayAddress);
        var grain = client.GetGrain<IBehaviourGrain>("wire");

        var echoed = await grain.Echo(new Payload("n", [1, 2, 3], new() { ["a"] = 1.5 }));
        Assert.Equal("n!", echoed.Name);
        Assert.Equal([1, 2, 3], echoed.Numbers);
        Assert.Equal(1.5, echoed.Weights["a"]);
        Assert.Equal(9, await grain.Add(4, 5));
        await grain.Nothing();
        Assert.Null(await grain.Maybe(false));
        Assert.Equal(["a", "b"], (await grain.Maybe(true))!);

        var counter = client.GetGrain<ICounterGrain>("wire-" + Guid.NewGuid());
        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => counter.IncrementSlowly()));
        Assert.Equal(500, results.Max());
        Assert.Equal(500, await _fixture.Grains.GetGrain<ICounterGrain>(counter.ToString()!.Split('/')[1]).Get());
    }

    [Fact]
    public async Task Remote_exceptions_keep_type_and_message_and_timeouts_apply()
    {
        await using var client = await ClusterClient.ConnectAsync(_fixture.Cluster.GatewayAddress);
        var grain = client.GetGrain<IBehaviourGrain>("wire-errors");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail("remote boom"));
        Assert.Equal("remote boom", e.Message);

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.SlowWithShortTimeout(3000));
        Assert.InRange(watch.ElapsedMilliseconds, 250, 2000);

        var deadlock = await Assert.ThrowsAsync<DeadlockException>(() => client.GetGrain<IChainGrain>("wA").Next(["wB", "wA"]));
        Assert.Contains("wB", deadlock.Message);
    }

    [Fact]
    public async Task Unknown_interface_over_the_wire_is_a_clear_error_and_the_connection_keeps_serving()
    {
        await using var client = await ClusterClient.ConnectAsync(_fixture.Cluster.GatewayAddress);

        var e = await Assert.ThrowsAsync<UnknownGrainInterfaceException>(() => client.GetGrain<IUnregisteredGrain>("x").Hello());
        Assert.Contains(nameof(IUnregisteredGrain), e.Message);
        Assert.Throws<ArgumentException>(() => client.GetGrain<IBehaviourGrain>(""));
        Assert.Equal(3, await client.GetGrain<IBehaviourGrain>("after-unknown").Add(1, 2));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("oversized")]
    [InlineData("negative")]
    [InlineData("bad-kind")]
    [InlineData("truncated-fields")]
    public async Task Bad_frames_close_only_their_connection(string kind)
    {
        await using var client = await ClusterClient.ConnectAsync(_fixture.Cluster.GatewayAddress);
        var grain = client.GetGrain<IBehaviourGrain>("survivor");
        Assert.Equal(2, await grain.Add(1, 1));

        var (host, port) = GatewayConnection.ParseEndpoint(_fixture.Cluster.GatewayAddress);
        using var raw = new TcpClient();
        await raw.ConnectAsync(host, port);
        var stream = raw.GetStream();
        byte[] bytes = kind switch
        {
            "garbage" => "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(),
            "oversized" => Frame(64 * 1024 * 1024, []),
            "negative" => Frame(-5, []),
            "bad-kind" => Frame(9, [7, 0, 0, 0, 0, 0, 0, 0, 1]),
            _ => Frame(14, [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f]),
        };
        await stream.WriteAsync(bytes);
        stream.ReadTimeout = 5000;
        var read = await stream.ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, read); // the gateway closed this connection

        Assert.Equal(4, await grain.Add(2, 2)); // the other connection keeps working
        await using var fresh = await ClusterClient.ConnectAsync(_fixture.Cluster.GatewayAddress);
        Assert.Equal(6, await fresh.GetGrain<IBehaviourGrain>("survivor").Add(3, 3));
    }

    [Fact]
    public async Task Bad_arguments_in_a_well_formed_frame_get_an_error_response()
    {
        await using var client = await ClusterClient.ConnectAsync(_fixture.Cluster.GatewayAddress, o => o.MaxFrameBytes = 64 * 1024);
        var grain = client.GetGrain<IBehaviourGrain>("big");

        var tooBig = await Assert.ThrowsAsync<ArgumentException>(() => grain.Big(new byte[100 * 1024]));
        Assert.Contains("frame limit", tooBig.Message);
        Assert.Equal(10, await grain.Big(new byte[10]));
    }

    [Fact]
    public async Task No_gateway_gives_a_clear_exception_quickly()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<GatewayUnavailableException>(() => ClusterClient.ConnectAsync($"127.0.0.1:{port}", o =>
        {
            o.ConnectAttempts = 2;
            o.RetryDelay = TimeSpan.FromMilliseconds(50);
        }));

        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");
    }

    private static byte[] Frame(int declaredLength, byte[] payload)
    {
        var bytes = new byte[4 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, declaredLength);
        payload.CopyTo(bytes, 4);
        return bytes;
    }
}
