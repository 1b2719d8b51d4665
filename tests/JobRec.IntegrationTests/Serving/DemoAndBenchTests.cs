using System.Globalization;
using System.Text.RegularExpressions;
using JobRec.Grains.Indexing;
using JobRec.Silo.Benchmarks;
using JobRec.Silo.Demo;

namespace JobRec.IntegrationTests.Serving;

/// <summary>The main job (<c>jobrec demo</c>) end to end on a tiny market, and the serve benchmark's result line.</summary>
public sealed partial class DemoAndBenchTests
{
    [Fact]
    public async Task Demo_trains_the_onet_classifier_evaluates_and_reuses_its_state_on_the_second_run()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-demo-" + Guid.NewGuid().ToString("N"));
        var options = new DemoOptions
        {
            DataDirectory = dir,
            Jobs = 400,
            Users = 60,
            FmEpochs = 1,
            EvaluationUsers = 30,
            Url = new Uri("http://127.0.0.1:0"),
            OnetDirectory = Path.Combine(SharedData.Root, "onet"),
            OnetMaxTitles = 1500,
            NoServe = true,
        };
        try
        {
            var (first, firstLog) = await RunDemoAsync(options);
            Assert.Contains("| served (grains + FM re-rank) |", first);
            Assert.Contains("| popularity |", first);
            Assert.Contains("| popularity-region |", first);
            Assert.Contains("| item-knn |", first);
            Assert.Contains("| content |", first);
            Assert.Matches(@"strongest baseline: [a-z-]+ MAP@10=\d\.\d{4}; served MAP@10=\d\.\d{4}", first);
            Assert.Matches(@"O\*NET classifier: \d+ occupations", firstLog);
            Assert.Contains("trained factorization machine", firstLog);
            var onetModel = Path.Combine(dir, "models", "hashed-onet.model");
            Assert.True(File.Exists(onetModel), firstLog);

            var (second, secondLog) = await RunDemoAsync(options);
            Assert.Contains("reusing stored grains and index", secondLog);
            Assert.Contains("loaded factorization machine", secondLog);
            Assert.Contains($"loaded O*NET classifier from {onetModel}", secondLog);
            Assert.DoesNotContain("O*NET: ", secondLog);

            // Other training inputs (a title cap) make the stored model stale: it is trained again, not reused.
            var (_, thirdLog) = await RunDemoAsync(options with { OnetMaxTitles = 1200 });
            Assert.Contains("was trained from other inputs", thirdLog);
            Assert.Matches(@"O\*NET classifier: \d+ occupations", thirdLog);

            // A model an older build saved (another format version) is trained again and replaced, not an error.
            var bytes = File.ReadAllBytes(onetModel);
            bytes[8] = 1;
            File.WriteAllBytes(onetModel, bytes);
            var (_, fourthLog) = await RunDemoAsync(options with { OnetMaxTitles = 1200 });
            Assert.Contains($"is in format version 1, this build reads {JobRec.ML.Onet.OnetModelFile.Version}; training again", fourthLog);
            Assert.Equal(JobRec.ML.Onet.OnetModelFile.Version, JobRec.ML.Onet.OnetModelFile.FormatVersion(onetModel));

            // A damaged stored model is an error naming the file, not a crash or a silently wrong model.
            File.WriteAllBytes(onetModel, File.ReadAllBytes(onetModel)[..1000]);
            var damaged = await Assert.ThrowsAsync<InvalidDataException>(() => RunDemoAsync(options with { OnetMaxTitles = 1200 }));
            Assert.Contains(onetModel, damaged.Message);
            Assert.Contains("truncated", damaged.Message);
            Assert.Contains("| served (grains + FM re-rank) |", second);
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold a file briefly.
            }
        }
    }

    [Fact]
    public async Task Demo_names_a_missing_onet_folder()
    {
        var options = new DemoOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), "jobrec-demo-" + Guid.NewGuid().ToString("N")),
            Jobs = 50,
            Users = 10,
            Url = new Uri("http://127.0.0.1:0"),
            OnetDirectory = "/no/such/onet-folder",
            NoServe = true,
        };
        var ex = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => RunDemoAsync(options));
        Assert.Contains("--onet '/no/such/onet-folder'", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Serve_benchmark_prints_latency_cpu_and_cache_hit_rate(bool cached)
    {
        var log = new StringWriter();
        var line = await ServeBenchmark.RunAsync(300, 40, 4, 2, 1, cached, ShardIndexKind.InvertedFile, cached ? 2 : 1, log, CancellationToken.None);

        var match = ResultLine().Match(line);
        Assert.True(match.Success, $"unexpected result line: {line}");
        var hitRate = double.Parse(match.Groups["hit"].Value, CultureInfo.InvariantCulture);
        var calls = Regex.Match(log.ToString(), @"(\d+) recommend calls");
        Assert.True(calls.Success && int.Parse(calls.Groups[1].Value, CultureInfo.InvariantCulture) > 0, log.ToString());
        Assert.True(double.Parse(match.Groups["cpu"].Value, CultureInfo.InvariantCulture) > 0, line);
        Assert.True(int.Parse(match.Groups["import"].Value, CultureInfo.InvariantCulture) > 0, line);
        Assert.True(int.Parse(match.Groups["rss"].Value, CultureInfo.InvariantCulture) > 50, line); // the peak resident set of this test process
        Assert.Contains("memory after import: rss", log.ToString());
        if (cached)
        {
            Assert.InRange(hitRate, 0, 1);
            Assert.Contains("interactions measured", log.ToString());
        }
        else
        {
            Assert.Equal(0, hitRate);
            Assert.Contains("(0 from cache)", log.ToString());
        }
    }

    private static async Task<(string Output, string Log)> RunDemoAsync(DemoOptions options)
    {
        var output = new StringWriter();
        var log = new StringWriter();
        var rc = await DemoRunner.RunAsync(options, output, log, CancellationToken.None);
        Assert.Equal(0, rc);
        return (output.ToString(), log.ToString());
    }

    [GeneratedRegex(@"^serve: recommend_p50_ms=[\d.NaN]+ recommend_p95_ms=[\d.NaN]+ recommend_p99_ms=[\d.NaN]+ recommend_per_s=\d+ search_p95_ms=[\d.NaN]+ cpu_ms_per_call=(?<cpu>[\d.]+) cache_hit_rate=(?<hit>[\d.]+) uncached_recommend_p95_ms=[\d.NaN]+ import_jobs_per_s=(?<import>\d+) max_rss_mb=(?<rss>\d+)$")]
    private static partial Regex ResultLine();
}
