using JobRec.Client;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Operations;
using JobRec.Contracts.Search;
using JobRec.Contracts.Users;

namespace JobRec.LoadTest.Targets;

/// <summary>Makes typed grain calls through <see cref="JobRecClient"/> (an Orleans client) and <see cref="JobRecOperations"/> against one or more
/// silo gateways of a cluster: one client per gateway given (each knows all of them; Orleans spreads its calls over them and fails over), calls
/// spread round-robin over the clients.</summary>
public sealed class ClientSdkJobRecTarget : IJobRecTarget
{
    /// <summary>Most gateways one target connects to.</summary>
    public const int MaxGateways = 64;

    private readonly JobRecClient[] _clients;
    private readonly JobRecOperations[] _ops;
    private readonly long[] _calls;
    private readonly IReadOnlyList<string> _gateways;
    private long _next = -1;

    private ClientSdkJobRecTarget(JobRecClient[] clients, IReadOnlyList<string> gateways)
    {
        _clients = clients;
        _gateways = gateways;
        _ops = clients.Select(c => c.Operations).ToArray();
        _calls = new long[clients.Length];
    }

    /// <inheritdoc/>
    public string Description => $"sdk {string.Join(",", _gateways)}";

    /// <summary>The gateways given, in order; calls are spread over them.</summary>
    public IReadOnlyList<string> Gateways => _gateways;

    /// <summary>Calls started through each client so far, in the order of <see cref="Gateways"/>.</summary>
    public IReadOnlyList<long> CallsPerGateway => _calls.Select(c => Interlocked.Read(ref c)).ToArray();

    /// <summary>Parses a comma-separated gateway list "host:port[,host:port...]" (duplicates dropped); throws <see cref="FormatException"/> naming a bad entry,
    /// and <see cref="ArgumentException"/> for a non-loopback host unless <paramref name="allowRemote"/>.</summary>
    public static IReadOnlyList<string> ParseGateways(string list, bool allowRemote)
    {
        ArgumentNullException.ThrowIfNull(list);
        var gateways = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (gateways.Count == 0)
        {
            throw new FormatException("The gateway list is empty; expected host:port[,host:port...].");
        }

        if (gateways.Count > MaxGateways)
        {
            throw new FormatException($"The gateway list has {gateways.Count} entries; at most {MaxGateways} are allowed.");
        }

        foreach (var gateway in gateways)
        {
            var colon = gateway.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(gateway.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new FormatException($"Gateway '{gateway}' must be host:port with a port in 1..65535.");
            }

            TargetAddress.EnsureAllowed(gateway[..colon], allowRemote);
        }

        return gateways;
    }

    /// <summary>Connects to the gateway "host:port", refusing non-loopback hosts unless <paramref name="allowRemote"/>.</summary>
    public static Task<ClientSdkJobRecTarget> ConnectAsync(string gateway, bool allowRemote, CancellationToken cancellationToken = default, Action<ClientOptions>? configure = null) =>
        ConnectAsync(ParseGateways(gateway, allowRemote), allowRemote, cancellationToken, configure);

    /// <summary>Connects one client to each gateway (its own first, the others as failover), refusing non-loopback hosts unless <paramref name="allowRemote"/>;
    /// <paramref name="configure"/> adjusts every client's options. Throws <see cref="GatewayUnavailableException"/> when a client reaches no gateway.</summary>
    public static async Task<ClientSdkJobRecTarget> ConnectAsync(IReadOnlyList<string> gateways, bool allowRemote, CancellationToken cancellationToken = default, Action<ClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        var list = ParseGateways(string.Join(",", gateways), allowRemote);
        var clients = new List<JobRecClient>();
        try
        {
            for (var i = 0; i < list.Count; i++)
            {
                var rotated = list.Skip(i).Concat(list.Take(i)).ToList();
                clients.Add(await JobRecClient.ConnectAsync(rotated, o =>
                {
                    configure?.Invoke(o);
                }, cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new ClientSdkJobRecTarget(clients.ToArray(), list);
    }

    /// <inheritdoc/>
    public Task RecommendAsync(string userId, int k, CancellationToken cancellationToken) => Next().RecommendAsync(userId, k).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public Task SearchAsync(string query, int k, CancellationToken cancellationToken) => Next().SearchAsync(new SearchRequest(query, k)).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public Task RecordInteractionAsync(string userId, InteractionInput interaction, CancellationToken cancellationToken) =>
        Next().RecordInteractionAsync(userId, interaction).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public Task PutJobAsync(string jobId, JobInput job, CancellationToken cancellationToken) => Next().PutJobAsync(jobId, job).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public Task CloseJobAsync(string jobId, CancellationToken cancellationToken) => Next().CloseJobAsync(jobId).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public Task PutUserAsync(string userId, UserInput profile, CancellationToken cancellationToken) => Next().PutUserAsync(userId, profile).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }
    }

    private JobRecOperations Next()
    {
        var i = (int)((ulong)Interlocked.Increment(ref _next) % (ulong)_ops.Length);
        Interlocked.Increment(ref _calls[i]);
        return _ops[i];
    }
}
