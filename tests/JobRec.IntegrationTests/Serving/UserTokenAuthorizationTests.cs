using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using JobRec.ML.Recommenders;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using JobRec.ML.Text;

namespace JobRec.IntegrationTests.Serving;

/// <summary>The HTTP API with an API key (operator scope) and per-user bearer tokens: a user token acts only on its own user.</summary>
public sealed class UserTokenAuthorizationTests : IAsyncLifetime
{
    private const string ApiKey = "operator-key-for-tests";
    private static readonly UserTokenOptions Tokens = new() { SigningKey = "a-signing-key-of-at-least-32-bytes-for-tests" };
    private readonly string _dir = Directory.CreateTempSubdirectory("jobrec-jwt-").FullName;
    private WebApplication? _app;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _app = ServingHost.Build(new ServingHostOptions
        {
            DataDirectory = _dir,
            HttpUrl = new Uri($"http://127.0.0.1:{port}"),
            InMemoryState = true,
            Dashboard = false,
            Metrics = false,
            ApiKey = ApiKey,
            UserTokens = Tokens,
            Encoder = new HashedTextEncoder(64),
        });
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        foreach (var user in new[] { "alice", "bob" })
        {
            Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Put, $"/users/{user}", admin: true, body: new { resumeText = "python data engineer", skills = new[] { "python" } })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Put, "/jobs/j1", admin: true, body: new { title = "Data engineer", description = "python pipelines", skills = new[] { "python" } })).StatusCode);
    }

    [Fact]
    public async Task A_user_token_reads_and_changes_only_its_own_user()
    {
        var alice = Tokens.Issue("alice", TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/users/alice", token: alice)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Put, "/users/alice", token: alice, body: new { resumeText = "python and sql", skills = new[] { "sql" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Send(HttpMethod.Post, "/users/alice/interactions", token: alice, body: new { jobId = "j1", kind = "save" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/users/alice/recommendations?k=5", token: alice)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/jobs/j1", token: alice)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Get, "/users/bob", token: alice)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Put, "/users/bob", token: alice, body: new { resumeText = "overwritten" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/users/bob/interactions", token: alice, body: new { jobId = "j1", kind = "apply" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Get, "/users/bob/recommendations", token: alice)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/jobs/j1/close", token: alice, body: new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Put, "/jobs/j2", token: alice, body: new { title = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Get, "/cluster", token: alice)).StatusCode);

        var bob = await (await Send(HttpMethod.Get, "/users/bob", admin: true)).Content.ReadAsStringAsync();
        Assert.Contains("python data engineer", bob);
        Assert.DoesNotContain("overwritten", bob);
        var job = await (await Send(HttpMethod.Get, "/jobs/j1", admin: true)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"closed\":true", job);
    }

    [Fact]
    public async Task Missing_forged_or_expired_tokens_get_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/users/alice")).StatusCode);
        var forged = (Tokens with { SigningKey = "another-signing-key-of-at-least-32-bytes" }).Issue("alice", TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/users/alice", token: forged)).StatusCode);
        var expired = Tokens.Issue("alice", TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddHours(-2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/users/alice", token: expired)).StatusCode);
        var otherAudience = (Tokens with { Audience = "someone-else" }).Issue("alice", TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/users/alice", token: otherAudience)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/health")).StatusCode);
    }

    [Fact]
    public void A_short_signing_key_is_refused_naming_the_minimum()
    {
        var ex = Assert.Throws<ArgumentException>(() => new UserTokenOptions { SigningKey = "short" }.Issue("alice", TimeSpan.FromMinutes(1)));
        Assert.Contains("at least 32", ex.Message);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, bool admin = false, string? token = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (admin)
        {
            request.Headers.Add(ApiKeyMiddleware.HeaderName, ApiKey);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return _http.SendAsync(request);
    }
}
