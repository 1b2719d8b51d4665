using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JobRec.Contracts;
using JobRec.Contracts.Ask;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Operations;
using JobRec.OrleansExtensions.Storage;
using Orleans.TestingHost;
using JobRec.Grains.Hosting;
using JobRec.Grains.Inference;
using JobRec.ML.Language;
using JobRec.ML.Language.Model;
using JobRec.ML.Language.Tokenization;
using JobRec.ML.Recommenders;
using Microsoft.Extensions.DependencyInjection;
using JobRec.ML.Text;

namespace JobRec.IntegrationTests.Serving;

public sealed class AskTests(ServingApiFixture api) : IClassFixture<ServingApiFixture>
{
    private JobRecOperations Ops => api.Client.Operations;

    [Fact]
    public async Task Post_ask_answers_from_the_top_posting_and_cites_it()
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
    public async Task Empty_question_is_400_naming_the_field(string? question)
    {
        var response = await api.Http.PostAsJsonAsync("/ask", new { question, k = 3 });
        await AssertBadRequestNaming(response, "question");
    }

    [Fact]
    public async Task Oversized_question_is_400_naming_the_field()
    {
        var response = await api.Http.PostAsJsonAsync("/ask", new { question = new string('q', AskRequest.MaxQuestionLength + 1) });
        await AssertBadRequestNaming(response, "question");
        var bigK = await api.Http.PostAsJsonAsync("/ask", new { question = "Where is the job?", k = AskRequest.MaxK + 1 });
        await AssertBadRequestNaming(bigK, "k");
    }

    [Fact]
    public async Task SDK_ask_answers_and_rejects_bad_questions()
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

public sealed class AskLanguageModelTests
{
    [Fact]
    public async Task A_loaded_checkpoint_answers_through_the_batched_grain_and_cites_a_retrieved_posting()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-ask-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var corpus = new[] { "The job title is Glacier drilling engineer. The required skills are glaciology.", "Question: What skills? Context: x Answer: glaciology\n" };
            var tokenizer = ByteLevelBpeTokenizer.Train(Enumerable.Repeat(corpus, 10).SelectMany(c => c), 280);
            var checkpoint = Path.Combine(dir, "qa.jrlm");
            LanguageModelCheckpoint.Save(new LanguageModel(tokenizer, new TransformerModel(new TransformerConfig(tokenizer.VocabSize, 64, 16, 2, 1), seed: 3)), checkpoint);
            Assert.Throws<FileNotFoundException>(() => QaCheckpointLocation.Load(Path.Combine(dir, "missing.jrlm")));
            Assert.Null(QaCheckpointLocation.Load(null));

            var builder = new InProcessTestClusterBuilder(1);
            builder.ConfigureSilo((_, silo) => silo.AddJobRecSqliteGrainStorage("Default", Path.Combine(dir, "state.db"))
                .AddJobRecServing(new ServingOptions { ShardCount = 2 }, new HashedTextEncoder(256)));
            await using var cluster = builder.Build();
            await cluster.DeployAsync();
            cluster.GetSiloServiceProvider().GetRequiredService<InferenceModels>().Answerer = QaCheckpointLocation.Load(checkpoint);
            var ops = new JobRecOperations(cluster.Client);
            await ops.PutJobAsync("lm-glacier", new JobInput { Title = "Glacier drilling engineer", Skills = ["glaciology"], Description = "drill ice cores" });
            await ops.PutJobAsync("lm-baker", new JobInput { Title = "Bakery shift lead", Skills = ["baking"], Description = "bake bread at dawn" });

            var questions = new[] { "What skills does the glacier drilling engineer job require?", "Where is the bakery shift lead job?" };
            var answers = await Task.WhenAll(questions.Select(q => ops.AskAsync(new AskRequest(q, 2))));
            Assert.All(answers, a => Assert.Equal(AskModels.LanguageModel, a.Model));
            Assert.Equal(["lm-glacier"], answers[0].CitedJobIds);
            Assert.Equal(["lm-baker"], answers[1].CitedJobIds);
            Assert.All(answers, a => Assert.True(a.Confidence <= 0 && double.IsFinite(a.Confidence), $"confidence {a.Confidence}"));
            Assert.True(cluster.GetSiloServiceProvider().GetRequiredService<InferenceModels>().AnswerStatistics.Items >= 2);

            var longest = await ops.AskAsync(new AskRequest(new string('x', AskRequest.MaxQuestionLength - 20) + " glacier drilling?"));
            Assert.Equal(AskModels.LanguageModel, longest.Model);
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may hold the file a moment longer.
            }
        }
    }
}
