using JobRec.Grains.Hosting;
using JobRec.ML.Recommenders;
using JobRec.OrleansExtensions.Clustering;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using JobRec.ML.Text;

namespace JobRec.Silo;

/// <summary>Silo host executable: the serving silo of <see cref="ServingHost"/> (Orleans, HTTP API, page) with settings from the "Silo"
/// configuration section (command line such as --Silo:GatewayPort=30001, or environment variables Silo__GatewayPort).</summary>
public static class Program
{
    /// <summary>Runs a silo until it is stopped (Ctrl+C / SIGTERM).</summary>
    public static async Task<int> Main(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var settings = configuration.GetSection("Silo");
        var cluster = settings["Cluster"];
        var encoder = new HashedTextEncoder();
        JobRec.ML.Text.ModelCache.Configure(configuration["JOBREC_CACHE"]);
        JobRec.Vectors.Faiss.FaissRuntime.Configure(configuration["JOBREC_CACHE"]);
        await using var app = ServingHost.Build(new ServingHostOptions
        {
            DataDirectory = settings["DataDirectory"] ?? ".jobrec",
            HttpUrl = new Uri(settings["HttpUrl"] ?? "http://127.0.0.1:5080"),
            GatewayPort = settings.GetValue("GatewayPort", 30000),
            SiloPort = settings.GetValue("SiloPort", 0),
            Address = settings["Address"] ?? "127.0.0.1",
            Cluster = string.IsNullOrWhiteSpace(cluster) ? null : new PostgresClusterOptions { ConnectionString = cluster },
            OperatorKey = settings["OperatorKey"],
            Tls = settings["TlsCertificate"] is { Length: > 0 } certificate
                ? new JobRec.Contracts.Security.ClusterTlsOptions { CertificatePath = certificate, KeyPath = settings["TlsKey"] ?? "", AuthorityPath = settings["TlsAuthority"] ?? "" }
                : null,
            Serving = JobRec.Grains.Inference.SkillExtractionConfiguration.Apply(new ServingOptions
            {
                ShardCount = settings.GetValue("Shards", string.IsNullOrWhiteSpace(cluster) ? 1 : 8),
                QaCheckpointPath = configuration[JobRec.Grains.Inference.QaCheckpointLocation.EnvironmentVariable],
            }, name => configuration[name]),
            Encoder = encoder,
            Classifier = JobRec.Grains.Occupations.OnetClassifierConfiguration.From(name => configuration[name]),
            Skills = JobRec.Grains.Inference.SkillExtractionConfiguration.From(name => configuration[name], Console.Error.WriteLine),
        });
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
