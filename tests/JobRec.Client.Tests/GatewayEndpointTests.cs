using System.Net;
using JobRec.Client;

namespace JobRec.Client.Tests;

/// <summary>How the SDK reads its gateway list and fails when no gateway answers.</summary>
public sealed class GatewayEndpointTests
{
    [Fact]
    public void Endpoints_are_ip_or_bracketed_ipv6_or_a_host_name_resolved_to_ipv4()
    {
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 30000), JobRecClient.ParseEndpoint("127.0.0.1:30000"));
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 30001), JobRecClient.ParseEndpoint("[::1]:30001"));
        var local = JobRecClient.ParseEndpoint("localhost:30002");
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, local.AddressFamily);
        Assert.True(IPAddress.IsLoopback(local.Address));
        Assert.Equal(30002, local.Port);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData(":30000")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:+80")]
    [InlineData("no-such-host.invalid:30000")]
    public void A_bad_endpoint_is_a_format_error_naming_it(string gateway)
    {
        var e = Assert.Throws<FormatException>(() => JobRecClient.ParseEndpoint(gateway));
        Assert.Contains($"'{gateway}'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Options_without_gateways_are_rejected_before_connecting()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => JobRecClient.ConnectAsync(new ClientOptions { Gateways = [] }));
        Assert.Contains("Gateways", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_no_gateway_answers_the_error_names_the_gateways_and_the_cluster()
    {
        // Port 1 on loopback is not listening: each connection is refused at once.
        var e = await Assert.ThrowsAsync<GatewayUnavailableException>(() => JobRecClient.ConnectAsync("127.0.0.1:1, 127.0.0.1:2", o =>
        {
            o.ConnectAttempts = 1;
            o.ClusterId = "nowhere";
        }));
        Assert.Contains("127.0.0.1:1, 127.0.0.1:2", e.Message, StringComparison.Ordinal);
        Assert.Contains("'nowhere'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_options_point_at_a_loopback_gateway_of_the_jobrec_cluster()
    {
        var options = new ClientOptions();
        Assert.Equal(["127.0.0.1:30000"], options.Gateways);
        Assert.Equal("jobrec", options.ClusterId);
        Assert.True(IPAddress.IsLoopback(JobRecClient.ParseEndpoint(options.Gateways[0]).Address));
    }
}
