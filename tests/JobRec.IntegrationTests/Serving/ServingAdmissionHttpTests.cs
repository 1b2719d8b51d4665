using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using JobRec.Grains.Hosting;
using JobRec.ML.Recommenders;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using JobRec.ML.Text;

namespace JobRec.IntegrationTests.Serving;

public sealed class ServingAdmissionHttpTests
{
    [Fact]
    public async Task A_full_request_queue_answers_503_with_retry_after_and_serves_again_once_a_turn_frees()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-admission-" + Guid.NewGuid().ToString("N"));
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var app = ServingHost.Build(new ServingHostOptions
        {
            DataDirectory = dir,
            InMemoryState = true,
            HttpUrl = url,
            Encoder = new HashedTextEncoder(64),
            Serving = new ServingOptions { ShardCount = 1, MaxConcurrentRequests = 1, MaxQueuedRequests = 0 },
        });
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = url };
            var admission = app.Services.GetRequiredService<ServingAdmission>();
            var turn = await admission.EnterAsync("test"); // the silo's only turn

            var refused = await http.PostAsJsonAsync("/search", new { query = "nurse", k = 5 });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
            Assert.Contains("search refused", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode); // other endpoints keep serving

            turn.Dispose();
            var served = await http.PostAsJsonAsync("/search", new { query = "nurse", k = 5 });
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}
