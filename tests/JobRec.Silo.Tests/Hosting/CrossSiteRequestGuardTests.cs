using JobRec.Silo.Hosting;

namespace JobRec.Silo.Tests.Hosting;

public sealed class CrossSiteRequestGuardTests
{
    [Theory]
    [InlineData("GET", null)]
    [InlineData("HEAD", null)]
    [InlineData("POST", "application/json")]
    [InlineData("PUT", "application/json; charset=utf-8")]
    public async Task Reads_and_json_writes_pass(string method, string? contentType)
    {
        var (passedOn, status, _) = await Run(PipelineProbe.Request(method, "/jobs/j1", contentType));
        Assert.True(passedOn);
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task A_form_post_without_the_marker_header_is_refused_naming_the_rule()
    {
        var (passedOn, status, body) = await Run(PipelineProbe.Request("POST", "/users/u1/interactions", "application/x-www-form-urlencoded"));
        Assert.False(passedOn);
        Assert.Equal(403, status);
        Assert.Contains(CrossSiteRequestGuard.HeaderName, body, StringComparison.Ordinal);

        var marked = await Run(PipelineProbe.Request("DELETE", "/jobs/j1", null, (CrossSiteRequestGuard.HeaderName, "1")));
        Assert.True(marked.PassedOn);
    }

    [Fact]
    public async Task A_request_the_browser_marks_cross_site_is_refused_whatever_it_carries()
    {
        var (passedOn, status, body) = await Run(PipelineProbe.Request("POST", "/jobs/j1", "application/json", ("Sec-Fetch-Site", "cross-site"), (CrossSiteRequestGuard.HeaderName, "1")));
        Assert.False(passedOn);
        Assert.Equal(403, status);
        Assert.Contains("cross-site", body, StringComparison.Ordinal);
    }

    private static Task<(bool PassedOn, int Status, string Body)> Run(Microsoft.AspNetCore.Http.DefaultHttpContext context) =>
        PipelineProbe.RunAsync(context, (next, c) => new CrossSiteRequestGuard(next).InvokeAsync(c, PipelineProbe.Problems));
}
