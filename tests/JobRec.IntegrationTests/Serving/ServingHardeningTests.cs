using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using JobRec.Data.Synthetic;

namespace JobRec.IntegrationTests.Serving;

/// <summary>The HTTP API's defences against browsers and retries: Host filtering, cross-site writes, required kind, bounded times, idempotent interactions, health.</summary>
public sealed class ServingHardeningTests(ServingApiFixture api) : IClassFixture<ServingApiFixture>
{
    private HttpClient Http => api.Http;

    [Fact]
    public async Task A_foreign_host_header_is_refused_with_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.SendAsync(request)).StatusCode);

        var local = new HttpRequestMessage(HttpMethod.Get, "/health");
        local.Headers.Host = "localhost";
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(local)).StatusCode);
    }

    [Fact]
    public async Task A_cross_site_form_post_cannot_close_a_job()
    {
        var job = api.OpenJob(150).Id;
        var form = new HttpRequestMessage(HttpMethod.Post, $"/jobs/{Uri.EscapeDataString(job)}/close")
        {
            Content = new FormUrlEncodedContent([new("x", "1")]),
        };
        var refused = await Http.SendAsync(form);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("X-JobRec-Request", await refused.Content.ReadAsStringAsync());

        var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/jobs/{Uri.EscapeDataString(job)}/close")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.SendAsync(crossSite)).StatusCode);

        var view = await Http.GetFromJsonAsync<JsonObject>($"/jobs/{Uri.EscapeDataString(job)}");
        Assert.NotEqual(true, (bool?)view!["closed"]);
    }

    [Fact]
    public async Task An_interaction_needs_its_kind_and_a_plausible_time()
    {
        var user = SyntheticMarket.UserId(3);
        var job = api.OpenJob(151).Id;

        var noKind = await Http.PostAsJsonAsync($"/users/{user}/interactions", new { jobId = job });
        Assert.Equal(HttpStatusCode.BadRequest, noKind.StatusCode);
        Assert.Contains("kind", await noKind.Content.ReadAsStringAsync());

        var future = await Http.PostAsJsonAsync($"/users/{user}/interactions", new { jobId = job, kind = "view", time = "9999-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("time", await future.Content.ReadAsStringAsync());

        var ancient = await Http.PostAsJsonAsync($"/users/{user}/interactions", new { jobId = job, kind = "view", time = "1970-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.BadRequest, ancient.StatusCode);

        var futurePosting = await Http.PutAsJsonAsync("/jobs/from-the-future", new { title = "Time traveller", postedAt = "9999-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.BadRequest, futurePosting.StatusCode);
        Assert.Contains("postedAt", await futurePosting.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_interaction_retried_with_the_same_request_id_counts_once()
    {
        var user = SyntheticMarket.UserId(4);
        var job = api.OpenJob(152).Id;
        var before = (int)(await Http.GetFromJsonAsync<JsonObject>($"/users/{user}"))!["interactionCount"]!;

        var body = new { jobId = job, kind = "save", requestId = "retry-" + Guid.NewGuid().ToString("N") };
        var first = await Http.PostAsJsonAsync($"/users/{user}/interactions", body);
        var second = await Http.PostAsJsonAsync($"/users/{user}/interactions", body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync()); // the first call's record, time included

        var other = await Http.PostAsJsonAsync($"/users/{user}/interactions", body with { requestId = "retry-" + Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var after = (int)(await Http.GetFromJsonAsync<JsonObject>($"/users/{user}"))!["interactionCount"]!;
        Assert.Equal(before + 2, after);
    }

    [Fact]
    public async Task Live_and_ready_answer_separately()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health/live")).StatusCode);
        var ready = await Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"ready\"", await ready.Content.ReadAsStringAsync());
    }
}
