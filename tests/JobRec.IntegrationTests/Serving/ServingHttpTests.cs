using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JobRec.Data.Synthetic;

namespace JobRec.IntegrationTests.Serving;

public sealed class ServingHttpTests(ServingApiFixture api) : IClassFixture<ServingApiFixture>
{
    private HttpClient Http => api.Http;

    [Fact]
    public async Task OpenAPI_document_describes_every_resource()
    {
        var doc = await Http.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/jobs/{id}", "/jobs/{id}/close", "/jobs/{id}/similar", "/users/{id}", "/users/{id}/interactions", "/users/{id}/recommendations", "/search", "/cluster", "/health" })
        {
            Assert.Contains($"\"{path}", doc);
        }
    }

    [Fact]
    public async Task The_silo_serves_its_membership_the_Orleans_dashboard_and_the_runtime_meters()
    {
        // Bulk import lets job grains go as soon as each is stored: reading a job activates it again.
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/jobs/syn:j1")).StatusCode);
        var cluster = await Http.GetFromJsonAsync<JsonObject>("/cluster");
        var silo = cluster!["silos"]![0]!;
        Assert.Equal("active", (string?)silo["status"]);
        Assert.Contains(silo["activations"]!.AsObject(), a => a.Key.Contains("JobRec.Grains.Jobs.JobGrain", StringComparison.Ordinal) && (int)a.Value! > 0);

        var dashboard = await Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("<html", await dashboard.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // The exporter publishes what its meter has collected once it has collected it: poll until the Orleans meters appear; the deadline
        // only fails a test that would otherwise never end.
        var metrics = await Http.GetStringAsync("/metrics");
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60); !metrics.Contains("orleans_", StringComparison.Ordinal) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(250);
            metrics = await Http.GetStringAsync("/metrics");
        }

        Assert.Contains("orleans_", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_can_be_created_read_found_and_closed()
    {
        var put = await Http.PutAsJsonAsync("/jobs/http-job-1", new
        {
            title = "Glacier drilling engineer",
            description = "drill ice cores on the glacier, operate thermal drills",
            region = "AK",
            skills = new[] { "drilling", "glaciology" },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var job = await Http.GetFromJsonAsync<JsonObject>("/jobs/http-job-1");
        Assert.Equal("Glacier drilling engineer", (string?)job!["posting"]!["title"]);

        var search = await Post("/search", new { query = "glacier ice core drilling", k = 5 });
        Assert.Equal("http-job-1", (string?)search["hits"]![0]!["job"]!["id"]);

        var closed = await Send("POST", "/jobs/http-job-1/close", null);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var after = await Post("/search", new { query = "glacier ice core drilling", k = 5 });
        Assert.DoesNotContain(after["hits"]!.AsArray(), h => (string?)h!["job"]!["id"] == "http-job-1");
    }

    [Fact]
    public async Task Recommendations_change_after_an_interaction_recorded_over_HTTP()
    {
        var user = SyntheticMarket.UserId(2);
        var first = await Http.GetFromJsonAsync<JsonObject>($"/users/{user}/recommendations?k=10&explain=true");
        var jobs = first!["jobs"]!.AsArray();
        Assert.Equal(10, jobs.Count);
        Assert.Contains(jobs, j => j!["reasons"]!.AsArray().Count > 0);
        var top = (string)jobs[0]!["job"]!["id"]!;

        var recorded = await Http.PostAsJsonAsync($"/users/{user}/interactions", new { jobId = top, kind = "apply" });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);

        var second = await Http.GetFromJsonAsync<JsonObject>($"/users/{user}/recommendations?k=10&explain=true");
        Assert.False((bool)second!["fromCache"]!);
        Assert.DoesNotContain(second["jobs"]!.AsArray(), j => (string?)j!["job"]!["id"] == top);
    }

    [Fact]
    public async Task Search_filters_by_region_and_remote()
    {
        var target = api.OpenJob(10);
        var byRegion = await Post("/search", new { query = target.Title, k = 20, filters = new { region = target.Region } });
        Assert.NotEmpty(byRegion["hits"]!.AsArray());
        Assert.All(byRegion["hits"]!.AsArray(), h => Assert.Equal(target.Region, (string?)h!["job"]!["region"]));
        var remote = await Post("/search", new { query = target.Title, k = 20, filters = new { remoteOnly = true } });
        Assert.All(remote["hits"]!.AsArray(), h => Assert.True((bool)h!["job"]!["remote"]!));
    }

    [Theory]
    [InlineData("GET", "/users/syn:u1/recommendations?k=0", null, "k")]
    [InlineData("GET", "/users/syn:u1/recommendations?k=101", null, "k")]
    [InlineData("PUT", "/jobs/j-bad", "{\"title\":\"\"}", "title")]
    [InlineData("PUT", "/users/u-bad", "{\"skills\":[\"sql\",\" \"]}", "skills[1]")]
    [InlineData("POST", "/search", "{\"query\":\"\",\"k\":5}", "query")]
    [InlineData("POST", "/users/syn:u1/interactions", "{\"jobId\":\"\",\"kind\":\"view\"}", "jobId")]
    public async Task Bad_requests_are_400_naming_the_field(string method, string path, string? body, string field)
    {
        var response = await Send(method, path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Malformed_JSON_and_oversized_bodies_are_rejected_with_problem_details()
    {
        var bad = await Send("POST", "/users/syn:u1/interactions", "{\"jobId\":\"syn:j1\",\"kind\":\"stare\"}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("kind", await bad.Content.ReadAsStringAsync());

        var huge = await Send("PUT", "/jobs/huge", "{\"title\":\"x\",\"description\":\"" + new string('a', 400_000) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/jobs/no-such-job", null, "no-such-job")]
    [InlineData("GET", "/users/nobody", null, "nobody")]
    [InlineData("GET", "/users/nobody/recommendations", null, "nobody")]
    [InlineData("POST", "/jobs/no-such-job/close", null, "no-such-job")]
    [InlineData("GET", "/jobs/no-such-job/similar", null, "no-such-job")]
    [InlineData("POST", "/users/syn:u1/interactions", "{\"jobId\":\"no-such-job\",\"kind\":\"view\"}", "no-such-job")]
    public async Task Unknown_ids_are_404(string method, string path, string? body, string id)
    {
        var response = await Send(method, path, body);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(id, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cluster_status_shows_activations_and_shards()
    {
        var status = await Http.GetFromJsonAsync<JsonObject>("/cluster");
        Assert.True(status!["silos"]![0]!["activations"]!.AsObject().Count > 0);
        Assert.True(status["shards"]!.AsArray().Sum(s => (int)s!["jobs"]!) >= 199);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health")).StatusCode);
    }

    private async Task<JsonNode> Post(string path, object body)
    {
        var response = await Http.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private Task<HttpResponseMessage> Send(string method, string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("X-JobRec-Request", "1"); // a body-less POST states its intent (CrossSiteRequestGuard)
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return Http.SendAsync(request);
    }
}
