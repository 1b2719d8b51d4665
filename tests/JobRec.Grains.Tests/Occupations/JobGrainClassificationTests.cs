using JobRec.Contracts.Jobs;
using JobRec.Contracts.Operations;
using JobRec.Grains.Hosting;
using JobRec.ML.Recommenders;
using JobRec.OrleansExtensions.Storage;
using Orleans.TestingHost;
using JobRec.ML.Text;

namespace JobRec.Grains.Tests.Occupations;

public sealed class JobGrainClassificationTests
{
    [Fact]
    public async Task Jobs_without_a_code_get_one_from_the_plugged_classifier_and_given_codes_are_kept()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-onet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var classifier = SmallOnetClassifier.Instance;
        var options = new ServingOptions { ShardCount = 2 };
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddJobRecSqliteGrainStorage("Default", Path.Combine(dir, "state.db"))
            .AddJobRecServing(options, new HashedTextEncoder(256), classifier: classifier));
        await using (var cluster = builder.Build())
        {
            await cluster.DeployAsync();
            var ops = new JobRecOperations(cluster.Client);
            var nurse = await ops.PutJobAsync("onet-nurse", new JobInput { Title = "Registered Nurse", Description = "patient care on the hospital ward" });
            Assert.Equal("29-1141.00", nurse.OnetCode);
            Assert.Equal("Registered Nurses", nurse.OnetTitle);
            Assert.True(nurse.OnetClassified);

            var given = await ops.PutJobAsync("onet-given", new JobInput { Title = "Registered Nurse", OnetCode = "11-1011.00" });
            Assert.Equal("11-1011.00", given.OnetCode);
            Assert.Equal("Chief Executives", given.OnetTitle);
            Assert.False(given.OnetClassified);
        }

        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer.
        }
    }
}
