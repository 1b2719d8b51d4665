using JobRec.Client;
using JobRec.Contracts;
using JobRec.Contracts.Catalog;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Recommendations;
using JobRec.Contracts.Security;
using JobRec.Contracts.Users;
using JobRec.Data.Synthetic;
using JobRec.Grains.Hosting;
using Orleans;
using Orleans.Runtime;

namespace JobRec.IntegrationTests.Serving;

/// <summary>What a client SDK caller can and cannot do through the gateway: internal methods need the operator key, every grain method
/// validates its arguments, and errors arrive with their kind and message but no silo stack trace.</summary>
public sealed class GatewayGuardTests(ServingApiFixture api) : IClassFixture<ServingApiFixture>
{
    [Fact]
    public async Task An_ordinary_client_cannot_call_internal_methods_or_foreign_grains()
    {
        await using var ordinary = await JobRecClient.ConnectAsync(api.Gateway);
        var job = api.OpenJob(40).Id;
        var before = (await ordinary.Operations.GetJobAsync(job))!;

        var denied = await Assert.ThrowsAsync<GrainAccessDeniedException>(() =>
            ordinary.GetGrain<IJobGrain>(job).ImportStatisticsAsync(new JobStatistics(1000, 0, 0, new Dictionary<string, int>())));
        Assert.Equal("IJobGrain.ImportStatisticsAsync", denied.Method);
        await Assert.ThrowsAsync<GrainAccessDeniedException>(() =>
            ordinary.GetGrain<IPopularityGrain>("global").AddAsync(new Dictionary<string, float> { [job] = 5f }));
        await Assert.ThrowsAsync<GrainAccessDeniedException>(() => ordinary.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(0)).RebuildAsync());
        await Assert.ThrowsAsync<GrainAccessDeniedException>(() => ordinary.GetGrain<IJobGrain>(job).RecordInteractionAsync(InteractionKind.Apply, []));
        await Assert.ThrowsAsync<GrainAccessDeniedException>(() =>
            ordinary.GetGrain<IUserGrain>(SyntheticMarket.UserId(2)).ImportInteractionsAsync([new InteractionRecord(job, InteractionKind.Apply, DateTimeOffset.UtcNow)]));
        await Assert.ThrowsAsync<GrainAccessDeniedException>(() => ordinary.GetGrain<ICatalogGrain>("occupations").UpsertAsync(new Dictionary<string, string> { ["x"] = "y" }));
        await Assert.ThrowsAsync<GrainAccessDeniedException>(() => ordinary.Grains.GetGrain<IManagementGrain>(0).GetHosts());

        var after = (await ordinary.Operations.GetJobAsync(job))!;
        Assert.Equal(before.Views, after.Views);
        Assert.Equal(before.Applies, after.Applies);

        // The public contract still works for it, the cluster status included.
        Assert.Equal(5, (await ordinary.Operations.RecommendAsync(SyntheticMarket.UserId(4), 5)).Jobs.Count);
        Assert.NotNull(await ordinary.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(0)).GetStatusAsync());
    }

    [Fact]
    public async Task A_wrong_operator_key_is_refused_like_none()
    {
        await using var guessing = await JobRecClient.ConnectAsync(api.Gateway, o => o.OperatorKey = ServingApiFixture.OperatorKey + "x");
        await Assert.ThrowsAsync<GrainAccessDeniedException>(() =>
            guessing.GetGrain<IPopularityGrain>("global").AddAsync(new Dictionary<string, float> { [api.OpenJob(41).Id] = 1f }));
    }

    [Fact]
    public async Task Internal_methods_validate_what_the_operator_client_sends()
    {
        var grains = api.Client;
        var job = api.OpenJob(42).Id;
        var before = (await grains.Operations.GetJobAsync(job))!;

        var views = await Assert.ThrowsAsync<ContractValidationException>(() =>
            grains.GetGrain<IJobGrain>(job).ImportStatisticsAsync(new JobStatistics(1_000_000_000, 0, 0, new Dictionary<string, int>())));
        Assert.Equal("views", views.Field);
        var weight = await Assert.ThrowsAsync<ContractValidationException>(() =>
            grains.GetGrain<IPopularityGrain>("global").AddAsync(new Dictionary<string, float> { [job] = 1e30f }));
        Assert.StartsWith("weights[", weight.Field);
        var kind = await Assert.ThrowsAsync<ContractValidationException>(() => grains.GetGrain<IJobGrain>(job).RecordInteractionAsync((InteractionKind)99, []));
        Assert.Equal("kind", kind.Field);
        var nan = await Assert.ThrowsAsync<ContractValidationException>(() =>
            grains.GetGrain<IJobGrain>(job).UpsertEncodedAsync(before.Posting, [1f, float.NaN, 0f]));
        Assert.Equal("embedding[1]", nan.Field);
        var imported = await Assert.ThrowsAsync<ContractValidationException>(() =>
            grains.GetGrain<IUserGrain>(SyntheticMarket.UserId(2)).ImportInteractionsAsync([new InteractionRecord(job, (InteractionKind)99, DateTimeOffset.UtcNow)]));
        Assert.Equal("interactions[0].kind", imported.Field);

        var after = (await grains.Operations.GetJobAsync(job))!;
        Assert.Equal(before.Views, after.Views);
        Assert.Equal(before.Posting.Title, after.Posting.Title);
    }

    [Fact]
    public async Task A_grain_key_longer_than_an_id_is_refused()
    {
        var key = new string('k', 100_000);
        var ex = await Assert.ThrowsAsync<ContractValidationException>(() => api.Client.GetGrain<IUserGrain>(key).GetAsync());
        Assert.Equal("grain key", ex.Field);
        Assert.Contains("100000 characters", ex.Message);
        Assert.Null(await api.Client.GetGrain<IUserGrain>(new string('k', ContractLimits.MaxIdLength)).GetAsync());
    }

    [Fact]
    public async Task Errors_reach_the_client_with_kind_and_message_but_no_silo_stack_trace()
    {
        await using var ordinary = await JobRecClient.ConnectAsync(api.Gateway);
        var missing = await Assert.ThrowsAnyAsync<KeyNotFoundException>(() =>
            ordinary.GetGrain<IUserGrain>("nobody-here").RecommendAsync(new RecommendationRequest(5)));
        Assert.Contains("nobody-here", missing.Message);
        Assert.DoesNotContain("JobRec.Grains", missing.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", missing.ToString(), StringComparison.Ordinal);

        var invalid = await Assert.ThrowsAsync<ContractValidationException>(() => ordinary.Operations.RecommendAsync(SyntheticMarket.UserId(1), 0));
        Assert.DoesNotContain("JobRec.Grains", invalid.ToString(), StringComparison.Ordinal);
        var deep = await Assert.ThrowsAsync<ContractValidationException>(() =>
            ordinary.GetGrain<IUserGrain>(SyntheticMarket.UserId(1)).RecommendAsync(new RecommendationRequest(1000)));
        Assert.DoesNotContain("UserGrain", deep.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unexpected_exception_becomes_its_type_name_and_first_message_line()
    {
        Exception original;
        try
        {
            throw new InvalidOperationException("shard store at /var/lib/jobrec/index is locked\n   at Secret.Method() in /src/Secret.cs:line 7");
        }
        catch (InvalidOperationException e)
        {
            original = e;
        }

        var sanitized = Assert.IsType<RemoteGrainException>(GatewayCallGuard.Sanitize(original));
        Assert.Equal("System.InvalidOperationException", sanitized.ErrorType);
        Assert.Equal("System.InvalidOperationException: shard store at /var/lib/jobrec/index is locked", sanitized.Message);
        Assert.Null(sanitized.StackTrace);
        Assert.Null(sanitized.InnerException);
        Assert.IsType<GrainNotFoundException>(GatewayCallGuard.Sanitize(new KeyNotFoundException("job 'x' does not exist")));
        var argument = Assert.IsType<ContractValidationException>(GatewayCallGuard.Sanitize(new ArgumentOutOfRangeException("count", "too big")));
        Assert.Equal("count", argument.Field);
    }

    [Fact]
    public void Only_a_non_hosted_client_counts_as_a_gateway_caller()
    {
        Assert.True(GatewayCallGuard.IsGatewayClient(GrainId.Create("sys.client", Guid.NewGuid().ToString("N"))));
        Assert.True(GatewayCallGuard.IsGatewayClient(null));
        Assert.False(GatewayCallGuard.IsGatewayClient(GrainId.Create("sys.client", "hosted-127.0.0.1:11111@1")));
        Assert.False(GatewayCallGuard.IsGatewayClient(GrainId.Create("JobRec.Grains.Users.UserGrain", "u1")));
    }
}
