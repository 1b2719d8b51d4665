using System.Net;
using System.Net.Sockets;
using JobRec.Client;
using JobRec.Data.Synthetic;
using JobRec.Grains.Hosting;
using JobRec.Grains.Ingest;
using JobRec.ML.Recommenders;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using JobRec.ML.Text;

namespace JobRec.IntegrationTests.Serving;

/// <summary>A serving Orleans silo on loopback (HTTP + client gateway on free ports) loaded through the client SDK with a small synthetic market.</summary>
public sealed class ServingApiFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public SyntheticMarket Market { get; } = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = 200, Users = 40, Seed = 11 });
    public Uri BaseUrl { get; private set; } = null!;
    public string Gateway { get; private set; } = "";
    public HttpClient Http { get; private set; } = null!;
    public JobRecClient Client { get; private set; } = null!;
    /// <summary>The silo's operator key; <see cref="Client"/> carries it (bulk ingest), an ordinary client does not.</summary>
    public const string OperatorKey = "fixture-operator-key";

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "jobrec-api-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        var httpPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{httpPort}");
        Gateway = $"127.0.0.1:{gatewayPort}";
        _app = ServingHost.Build(new ServingHostOptions
        {
            DataDirectory = Directory,
            HttpUrl = BaseUrl,
            GatewayPort = gatewayPort,
            OperatorKey = OperatorKey,
            Encoder = new HashedTextEncoder(256),
            Serving = new ServingOptions { ShardCount = 4, Clock = () => Market.TrainEnd },
        });
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = BaseUrl };
        Client = await JobRecClient.ConnectAsync(Gateway, o => o.OperatorKey = OperatorKey);
        var sink = new GrainIngestSink(Client.Grains);
        await sink.UpsertOccupationsAsync(Market.Occupations().ToList());
        await sink.UpsertJobsAsync(Market.Jobs().ToList());
        await sink.UpsertUsersAsync(Market.Users().ToList());
        await sink.AddInteractionsAsync(Market.TrainInteractions().ToList());
    }

    public Data.Model.JobPosting OpenJob(int from) =>
        Enumerable.Range(from, 200 - from).Select(Market.Job).First(j => j.ClosesAt is null || j.ClosesAt > Market.TrainEnd);

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer.
        }
    }
}
