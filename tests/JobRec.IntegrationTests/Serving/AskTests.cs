using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JobRec.Contracts;
using JobRec.Contracts.Ask;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Operations;

namespace JobRec.IntegrationTests.Serving;

public sealed class AskTests(ServingApiFixture api) : IClassFixture<ServingApiFixture>
{
    private JobRecOperations Ops => new(api.Client, 4);

    [Fact]
    public async Task PostAskAnswersFromTheTopPostingAndCitesIt()
    {
        await Ops.PutJobAsync("ask-glacier-1", new JobInput
        {
            Title = "Glacier drilling engineer",
            Company = "Icecore Labs",
            Description = "drill ice cores on the glacier, operate thermal drills",
            Region = "AK",
            Skills = ["thermal drilling", "glaciology"],
        });

        var response = await api.Http.PostAsJsonAsync("/ask", new { question = "What skills does the glacier ice core drilling engineer job require?", k = 3 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ask-glacier-1", (string?)body["citedJobIds"]![0]);
        Assert.Equal(AskModels.Extractive, (string?)body["model"]);
        Assert.Contains("glaciology", (string?)body["answer"]);
        Assert.Equal("ask-glacier-1", (string?)body["retrieved"]![0]!["job"]!["id"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task EmptyQuestionIs400NamingTheField(string? question)
    {
        var response = await api.Http.PostAsJsonAsync("/ask", new { question, k = 3 });
        await AssertBadRequestNaming(response, "question");
    }

    [Fact]
    public async Task OversizedQuestionIs400NamingTheField()
    {
        var response = await api.Http.PostAsJsonAsync("/ask", new { question = new string('q', AskRequest.MaxQuestionLength + 1) });
        await AssertBadRequestNaming(response, "question");
        var bigK = await api.Http.PostAsJsonAsync("/ask", new { question = "Where is the job?", k = AskRequest.MaxK + 1 });
        await AssertBadRequestNaming(bigK, "k");
    }

    [Fact]
    public async Task SdkAskAnswersAndRejectsBadQuestions()
    {
        var target = api.OpenJob(30);
        var answer = await Ops.AskAsync(new AskRequest($"Which company is hiring for the {target.Title} job? {string.Join(" ", target.Skills)}", 5));
        Assert.Equal(AskModels.Extractive, answer.Model);
        Assert.Single(answer.CitedJobIds);
        Assert.Equal(answer.Retrieved[0].Job.Id, answer.CitedJobIds[0]);
        var cited = await Ops.GetJobAsync(answer.CitedJobIds[0]);
        Assert.Equal(cited!.Posting.Company, answer.Answer);
        Assert.NotEmpty(answer.Answer);

        var longest = await Ops.AskAsync(new AskRequest("Where is it located? " + new string('x', AskRequest.MaxQuestionLength - 21)));
        Assert.Equal(AskRequest.MaxQuestionLength, longest.Question.Length);

        var empty = await Assert.ThrowsAsync<ContractValidationException>(() => Ops.AskAsync(new AskRequest("")));
        Assert.Equal("question", empty.Field);
        var huge = await Assert.ThrowsAsync<ContractValidationException>(() => Ops.AskAsync(new AskRequest(new string('a', 100_000))));
        Assert.Equal("question", huge.Field);
    }

    private static async Task AssertBadRequestNaming(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![field]);
    }
}
