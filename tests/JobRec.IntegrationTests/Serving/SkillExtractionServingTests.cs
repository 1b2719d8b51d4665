using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JobRec.Contracts;
using JobRec.Contracts.Skills;
using JobRec.Contracts.Users;

namespace JobRec.IntegrationTests.Serving;

/// <summary>Skills extracted by the span tagger at import are stored on job grains, served by the API and used by recommendations;
/// <c>POST /skills/extract</c> returns spans with offsets and refuses bad input with a 400 naming the field.</summary>
public sealed class SkillExtractionServingTests(TaggedServingFixture api) : IClassFixture<TaggedServingFixture>
{
    [Fact]
    public async Task Imported_dice_and_linkedin_jobs_store_tagged_skills_visible_through_the_api()
    {
        Assert.Contains(api.Imported, j => j.Id.StartsWith("dice:", StringComparison.Ordinal));
        Assert.Contains(api.Imported, j => !j.Id.StartsWith("dice:", StringComparison.Ordinal));
        var withSkills = 0;
        foreach (var job in api.Imported)
        {
            var body = JsonNode.Parse(await api.Http.GetStringAsync($"/jobs/{Uri.EscapeDataString(job.Id)}"))!;
            Assert.Equal("tagger", (string?)body["skillModel"]);
            var skills = body["extractedSkills"]!.AsArray().Select(s => (string)s!).ToList();
            Assert.All(skills, s => Assert.False(string.IsNullOrWhiteSpace(s)));
            if (skills.Count > 0)
            {
                withSkills++;
            }
        }

        // Postings of 200+ characters name tools and abilities; a tagger trained on 350 sentences still finds some in most of them.
        Assert.True(withSkills >= api.Imported.Count * 2 / 3, $"{withSkills} of {api.Imported.Count} imported jobs have extracted skills");
    }

    [Fact]
    public async Task Recommendations_match_resume_skills_with_extracted_job_skills()
    {
        var jobs = await Task.WhenAll(api.Imported.Select(j => api.Client.Operations.GetJobAsync(j.Id)));
        var target = jobs.OfType<Contracts.Jobs.JobView>().Where(j => j.Posting.ClosesAt is null || j.Posting.ClosesAt > DateTimeOffset.UtcNow)
            .MaxBy(j => j.ExtractedSkills.Count)!;
        Assert.NotEmpty(target.ExtractedSkills);

        // The resume is the posting's own text: its extracted skills are the job's, and the profile lists no skills of its own.
        var user = await api.Client.Operations.PutUserAsync("skills-user-1", new UserInput { ResumeText = target.Posting.Title + "\n" + target.Posting.Description[..Math.Min(1_500, target.Posting.Description.Length)] });
        Assert.NotEmpty(user.ExtractedSkills);
        Assert.Empty(user.Profile.Skills);
        var list = await api.Client.Operations.RecommendAsync("skills-user-1", 10, explain: true);
        var recommended = Assert.Single(list.Jobs, j => j.Job.Id == target.Id);
        var reason = Assert.Single(recommended.Reasons, r => r.StartsWith("matches your skills: ", StringComparison.Ordinal));
        var named = reason["matches your skills: ".Length..].Split(", ");
        Assert.All(named, s => Assert.Contains(s, target.ExtractedSkills.Concat(target.Posting.Skills), StringComparer.OrdinalIgnoreCase));
        Assert.Contains(named, s => user.ExtractedSkills.Contains(s, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Extract_returns_spans_with_offsets_and_normalised_skills()
    {
        const string text = "You have 3 years of experience with Python and SQL databases.\nYou communicate well with customers and manage a small team.";
        var response = await api.Http.PostAsJsonAsync("/skills/extract", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("tagger", (string?)body["model"]);
        Assert.Equal(text.Length, (int)body["charactersRead"]!);
        Assert.False((bool)body["truncated"]!);
        var spans = body["spans"]!.AsArray();
        Assert.NotEmpty(spans);
        foreach (var span in spans)
        {
            Assert.Equal(text.Substring((int)span!["start"]!, (int)span["length"]!), (string?)span["text"]);
            Assert.Contains((string?)span["kind"], new[] { "skill", "knowledge" });
        }

        Assert.Contains(spans, s => ((string)s!["text"]!).Contains("Python", StringComparison.Ordinal));
        var skills = body["skills"]!.AsArray().Select(s => (string)s!).ToList();
        Assert.Equal(spans.Select(s => (string)s!["skill"]!).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase), skills);

        var model = await api.Client.Operations.SkillModelAsync();
        Assert.Equal("tagger", model.Model);
        Assert.True(model.EscoLabels > 600);
        Assert.Equal(1_500, model.ImportCharacters);
        Assert.Equal("tagger", model.ImportModel);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t ")]
    [InlineData(null)]
    public async Task Empty_text_is_400_naming_the_field(string? text)
    {
        var response = await api.Http.PostAsJsonAsync("/skills/extract", new { text });
        await AssertBadRequestNaming(response, "text");
    }

    [Fact]
    public async Task Too_long_and_binary_text_are_400_with_the_reason()
    {
        var tooLong = await api.Http.PostAsJsonAsync("/skills/extract", new { text = new string('a', SkillExtractRequest.MaxTextLength + 1) });
        Assert.Contains($"at most {SkillExtractRequest.MaxTextLength}", await AssertBadRequestNaming(tooLong, "text"));
        var bytes = new byte[3_000];
        new Random(3).NextBytes(bytes);
        var binary = await api.Http.PostAsJsonAsync("/skills/extract", new { text = System.Text.Encoding.Latin1.GetString(bytes) });
        Assert.Contains("binary", await AssertBadRequestNaming(binary, "text"));
        var sdk = await Assert.ThrowsAsync<ContractValidationException>(() => api.Client.Operations.ExtractSkillsAsync(new SkillExtractRequest("")));
        Assert.Equal("text", sdk.Field);
    }

    [Fact]
    public async Task Longest_and_non_english_text_get_a_result()
    {
        var sentence = "Experience with Python, Docker and Kubernetes is required and you enjoy mentoring junior developers. ";
        var longest = string.Concat(Enumerable.Repeat(sentence, 5_000 / sentence.Length)); // 49 sentences (the longest text allowed takes a few seconds)
        var result = await api.Client.Operations.ExtractSkillsAsync(new SkillExtractRequest(longest));
        Assert.Equal(longest.Length, result.CharactersRead);
        Assert.True(result.Spans.Count >= 49, $"{result.Spans.Count} spans");
        Assert.All(result.Spans, s => Assert.Equal(longest.Substring(s.Start, s.Length), s.Text));
        Assert.True(result.Skills.Count <= 100);

        var chinese = await api.Client.Operations.ExtractSkillsAsync(new SkillExtractRequest("我们正在寻找一位熟悉数据分析和机器学习的工程师，负责构建数据管道。"));
        Assert.Contains("non-English", chinese.Warning);
        var german = await api.Client.Operations.ExtractSkillsAsync(new SkillExtractRequest(
            "Sie verfügen über mehrjährige Berufserfahrung in der Softwareentwicklung mit Kubernetes, arbeiten gerne im Team, sind zuverlässig, "
            + "kommunikationsstark und haben Freude daran, neue Technologien kennenzulernen und Kunden bei Fragen kompetent zu beraten."));
        Assert.Contains("non-English", german.Warning);
        Assert.All(german.Spans, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
    }

    /// <summary>Asserts a 400 ProblemDetails naming <paramref name="field"/> and returns its message.</summary>
    private static async Task<string> AssertBadRequestNaming(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var errors = problem["errors"]![field];
        Assert.NotNull(errors);
        return errors.ToJsonString();
    }
}
