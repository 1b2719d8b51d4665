using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace JobRec.IntegrationTests.Serving;

/// <summary>A silo given no skill tagger (the usual test silo) extracts with the dictionary matcher and says so.</summary>
public sealed class SkillExtractionFallbackTests(ServingApiFixture api) : IClassFixture<ServingApiFixture>
{
    [Fact]
    public async Task Without_a_tagger_the_dictionary_extracts_and_the_model_says_why()
    {
        var model = JsonNode.Parse(await api.Http.GetStringAsync("/skills/model"))!;
        Assert.Equal("dictionary", (string?)model["model"]);
        Assert.Contains("no skill tagger", (string?)model["description"]);
        Assert.Equal(0, (int)model["escoLabels"]!);
        var health = JsonNode.Parse(await api.Http.GetStringAsync("/health"))!["skills"]!;
        Assert.Equal("dictionary", (string?)health["model"]);
        Assert.False((bool)health["loaded"]!);
        Assert.Null(health["file"]);
        Assert.Null(health["formatVersion"]);
        Assert.Contains("no skill tagger", (string?)health["description"]);

        const string text = "Senior engineer: JS, Python and Kubernetes on AWS.";
        var response = await api.Http.PostAsJsonAsync("/skills/extract", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("dictionary", (string?)body["model"]);
        var spans = body["spans"]!.AsArray();
        Assert.All(spans, s => Assert.Equal(text.Substring((int)s!["start"]!, (int)s["length"]!), (string?)s["text"]));
        Assert.Contains("JavaScript", body["skills"]!.AsArray().Select(s => (string?)s));

        var job = await api.Client.Operations.PutJobAsync("fallback-job-1", new Contracts.Jobs.JobInput { Title = "Python developer", Description = "We use Python and JS daily." });
        Assert.Equal("dictionary", job.SkillModel);
        Assert.Contains("Python", job.ExtractedSkills);
    }
}
