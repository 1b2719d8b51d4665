using JobRec.Client;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Operations;
using JobRec.Contracts.Search;
using JobRec.Contracts.Users;

namespace JobRec.LoadTest.Targets;

/// <summary>Makes typed grain calls through <see cref="ClusterClient"/> and <see cref="JobRecOperations"/> against a silo gateway.</summary>
public sealed class ClientSdkJobRecTarget : IJobRecTarget
{
    private readonly ClusterClient _client;
    private readonly JobRecOperations _ops;
    private readonly string _gateway;

    private ClientSdkJobRecTarget(ClusterClient client, string gateway)
    {
        _client = client;
        _gateway = gateway;
        _ops = new JobRecOperations(client);
    }

    /// <inheritdoc/>
    public string Description => $"sdk {_gateway}";

    /// <summary>Connects to the gateway "host:port", refusing non-loopback hosts unless <paramref name="allowRemote"/>.</summary>
    public static async Task<ClientSdkJobRecTarget> ConnectAsync(string gateway, bool allowRemote, CancellationToken cancellationToken = default)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0)
        {
            throw new FormatException($"Gateway '{gateway}' must be host:port.");
        }

        TargetAddress.EnsureAllowed(gateway[..colon], allowRemote);
        var client = await ClusterClient.ConnectAsync(gateway, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ClientSdkJobRecTarget(client, gateway);
    }

    /// <inheritdoc/>
    public Task RecommendAsync(string userId, int k, CancellationToken cancellationToken) => _ops.RecommendAsync(userId, k).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public Task SearchAsync(string query, int k, CancellationToken cancellationToken) => _ops.SearchAsync(new SearchRequest(query, k)).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public Task RecordInteractionAsync(string userId, InteractionInput interaction, CancellationToken cancellationToken) =>
        _ops.RecordInteractionAsync(userId, interaction).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public Task PutJobAsync(string jobId, JobInput job, CancellationToken cancellationToken) => _ops.PutJobAsync(jobId, job).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public Task CloseJobAsync(string jobId, CancellationToken cancellationToken) => _ops.CloseJobAsync(jobId).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public Task PutUserAsync(string userId, UserInput profile, CancellationToken cancellationToken) => _ops.PutUserAsync(userId, profile).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
