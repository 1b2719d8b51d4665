using JobRec.ML.Recommenders;
using JobRec.Silo.Hosting;
using JobRec.ML.Text;

namespace JobRec.Silo.Tests.Hosting;

public sealed class ApiKeyMiddlewareTests
{
    private static readonly ServingHostOptions WithKey = new() { ApiKey = "s3cret", Encoder = new HashedTextEncoder(16) };

    [Fact]
    public async Task With_a_key_configured_an_api_call_needs_the_matching_header()
    {
        var missing = await Run(WithKey, PipelineProbe.Request("GET", "/jobs/j1"));
        Assert.False(missing.PassedOn);
        Assert.Equal(401, missing.Status);
        Assert.Contains(ApiKeyMiddleware.HeaderName, missing.Body, StringComparison.Ordinal);

        var wrong = await Run(WithKey, PipelineProbe.Request("GET", "/jobs/j1", null, (ApiKeyMiddleware.HeaderName, "s3cre")));
        Assert.False(wrong.PassedOn);
        Assert.Equal(401, wrong.Status);

        var right = await Run(WithKey, PipelineProbe.Request("GET", "/jobs/j1", null, (ApiKeyMiddleware.HeaderName, "s3cret")));
        Assert.True(right.PassedOn);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/app.js")]
    public async Task The_page_health_and_openapi_stay_open(string path)
    {
        Assert.True((await Run(WithKey, PipelineProbe.Request("GET", path))).PassedOn);
    }

    [Fact]
    public async Task Without_a_key_every_call_passes()
    {
        Assert.True((await Run(WithKey with { ApiKey = null }, PipelineProbe.Request("POST", "/jobs/j1", "application/json"))).PassedOn);
    }

    private static Task<(bool PassedOn, int Status, string Body)> Run(ServingHostOptions options, Microsoft.AspNetCore.Http.DefaultHttpContext context) =>
        PipelineProbe.RunAsync(context, (next, c) => new ApiKeyMiddleware(next, options).InvokeAsync(c, PipelineProbe.Problems));
}
