using JobRec.Client;
using JobRec.Grains.Ingest;

namespace JobRec.Cli.Commands;

/// <summary>The grain sink over a client SDK connection to a running silo's gateway.</summary>
internal sealed class ClientIngestSink(string gateway) : Data.Import.IIngestSink, IAsyncDisposable
{
    private JobRecClient? _client;
    private GrainIngestSink? _sink;

    public async ValueTask<int> UpsertJobsAsync(IReadOnlyList<Data.Model.JobPosting> jobs, CancellationToken cancellationToken = default) =>
        await (await SinkAsync(cancellationToken)).UpsertJobsAsync(jobs, cancellationToken);

    public async ValueTask<int> UpsertUsersAsync(IReadOnlyList<Data.Model.UserProfile> users, CancellationToken cancellationToken = default) =>
        await (await SinkAsync(cancellationToken)).UpsertUsersAsync(users, cancellationToken);

    public async ValueTask<int> AddInteractionsAsync(IReadOnlyList<Data.Model.Interaction> interactions, CancellationToken cancellationToken = default) =>
        await (await SinkAsync(cancellationToken)).AddInteractionsAsync(interactions, cancellationToken);

    public async ValueTask<int> UpsertOccupationsAsync(IReadOnlyList<Data.Model.Occupation> occupations, CancellationToken cancellationToken = default) =>
        await (await SinkAsync(cancellationToken)).UpsertOccupationsAsync(occupations, cancellationToken);

    public async ValueTask<int> UpsertSkillsAsync(IReadOnlyList<Data.Model.Skill> skills, CancellationToken cancellationToken = default) =>
        await (await SinkAsync(cancellationToken)).UpsertSkillsAsync(skills, cancellationToken);

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }

    private async Task<GrainIngestSink> SinkAsync(CancellationToken cancellationToken)
    {
        if (_sink is null)
        {
            _client = await JobRecClient.ConnectAsync(gateway, ClusterSecuritySettings.Configure, cancellationToken);
            Console.Error.WriteLine($"ingest: into the grains of the silo at {gateway}");
            _sink = new GrainIngestSink(_client.Grains);
        }

        return _sink;
    }
}
