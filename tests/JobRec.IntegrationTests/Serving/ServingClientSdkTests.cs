using JobRec.Contracts;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Operations;
using JobRec.Contracts.Search;
using JobRec.Data.Synthetic;

namespace JobRec.IntegrationTests.Serving;

public sealed class ServingClientSdkTests(ServingApiFixture api) : IClassFixture<ServingApiFixture>
{
    private JobRecOperations Ops => api.Client.Operations;

    [Fact]
    public async Task Typed_calls_through_the_gateway_recommend_record_and_search()
    {
        var user = SyntheticMarket.UserId(9);
        var before = await Ops.RecommendAsync(user, 8, explain: true);
        Assert.Equal(8, before.Jobs.Count);
        await Ops.RecordInteractionAsync(user, new InteractionInput(before.Jobs[0].Job.Id, InteractionKind.Apply));
        var after = await Ops.RecommendAsync(user, 8);
        Assert.DoesNotContain(after.Jobs, j => j.Job.Id == before.Jobs[0].Job.Id);

        var target = api.OpenJob(20);
        var hits = await Ops.SearchAsync(new SearchRequest(target.Title + " " + string.Join(" ", target.Skills), 10));
        Assert.Contains(hits.Hits, h => h.Job.Id == target.Id);
    }

    [Fact]
    public async Task Errors_cross_the_gateway_with_their_message()
    {
        await Assert.ThrowsAsync<ContractValidationException>(() => Ops.RecommendAsync(SyntheticMarket.UserId(1), 0));
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => api.Client.GetGrain<Contracts.Users.IUserGrain>("nobody")
            .RecommendAsync(new Contracts.Recommendations.RecommendationRequest(5)));
        Assert.Contains("nobody", ex.Message);
    }
}
