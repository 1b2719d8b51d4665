using JobRec.Client;
using JobRec.LoadTest.Targets;

namespace JobRec.LoadTest.Tests.Targets;

public sealed class GatewayListTests
{
    [Fact]
    public void A_gateway_list_is_split_trimmed_and_deduplicated_in_order()
    {
        var gateways = ClientSdkJobRecTarget.ParseGateways(" 127.0.0.1:57001, localhost:57002,127.0.0.1:57001 ,[::1]:57003", allowRemote: false);

        Assert.Equal(["127.0.0.1:57001", "localhost:57002", "[::1]:57003"], gateways);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:57001,127.0.0.1:port")]
    [InlineData(":57001")]
    public void A_malformed_gateway_list_is_rejected_naming_the_entry(string list)
    {
        var e = Assert.Throws<FormatException>(() => ClientSdkJobRecTarget.ParseGateways(list, allowRemote: false));
        Assert.Contains(list.Split(',').Last().Trim() is { Length: > 0 } last ? last : "empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remote_gateway_anywhere_in_the_list_is_refused_unless_allowed()
    {
        var e = Assert.Throws<ArgumentException>(() => ClientSdkJobRecTarget.ParseGateways("127.0.0.1:57001,10.1.2.3:57002", allowRemote: false));
        Assert.Contains("10.1.2.3", e.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", e.Message, StringComparison.Ordinal);

        Assert.Equal(2, ClientSdkJobRecTarget.ParseGateways("127.0.0.1:57001,10.1.2.3:57002", allowRemote: true).Count);
    }

    [Fact]
    public async Task Connecting_when_no_gateway_answers_fails_naming_the_gateways()
    {
        // Port 1 on loopback is not listening: the connection is refused at once.
        var e = await Assert.ThrowsAsync<GatewayUnavailableException>(() => ClientSdkJobRecTarget.ConnectAsync(["127.0.0.1:1"], allowRemote: false, configure: o =>
        {
            o.ConnectAttempts = 1;
        }));
        Assert.Contains("127.0.0.1:1", e.Message, StringComparison.Ordinal);
    }
}
