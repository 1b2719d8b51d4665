using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static JobRec.IntegrationTests.Cluster.ClusterProcessEnvironment;

namespace JobRec.IntegrationTests.Cluster;

/// <summary>In cluster mode every silo process co-hosts the HTTP API (ASP.NET Core with <c>UseOrleans</c>): a job written through one
/// silo's HTTP port is read through another's, wherever Orleans placed its grain.</summary>
public sealed class SiloClusterHttpTests
{
    [Fact]
    public async Task Every_cluster_silo_serves_the_http_api_over_the_same_grains()
    {
        await using var cluster = await CreateClusterAsync();
        await StartSilosAsync(cluster, "h1", "h2");
        await cluster.WaitForActiveAsync(["h1", "h2"], TimeSpan.FromSeconds(60));
        Assert.All(cluster.Silos, s => Assert.StartsWith("http://127.0.0.1:", s.HttpUrl, StringComparison.Ordinal));
        using var first = new HttpClient { BaseAddress = new Uri(cluster.Silos[0].HttpUrl), Timeout = TimeSpan.FromSeconds(60) };
        using var second = new HttpClient { BaseAddress = new Uri(cluster.Silos[1].HttpUrl), Timeout = TimeSpan.FromSeconds(60) };

        for (var i = 0; i < 4; i++)
        {
            var put = await first.PutAsJsonAsync($"/jobs/cohosted-{i}", new { title = $"Welder {i}", company = "Acme", description = "MIG and TIG welding." });
            Assert.True(put.IsSuccessStatusCode, $"PUT through {cluster.Silos[0].HttpUrl}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        }

        for (var i = 0; i < 4; i++)
        {
            var get = await second.GetAsync($"/jobs/cohosted-{i}");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            using var job = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
            Assert.Equal($"Welder {i}", job.RootElement.GetProperty("posting").GetProperty("title").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync("/jobs/cohosted-missing")).StatusCode);
    }
}
