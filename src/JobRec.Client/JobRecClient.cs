using System.Net;
using System.Net.Sockets;
using JobRec.Contracts.Operations;
using JobRec.Contracts.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace JobRec.Client;

/// <summary>The client SDK: a thin typed layer over an Orleans <see cref="IClusterClient"/> (its own small host) connected to a JobRec
/// cluster's gateways, either a static list or the live gateways of the cluster's PostgreSQL membership table. Orleans spreads calls over
/// the gateways and fails over when one dies; a call in flight when its gateway dies fails (TimeoutException, SiloUnavailableException, ...)
/// and may or may not have run: retry only idempotent calls, e.g. with <see cref="IdempotentRetry"/>. The SDK is for trusted services
/// (web front ends, ingest jobs), not for end users: a client reaches every user's data; off loopback it needs the cluster's client
/// certificate (<see cref="ClientOptions.Tls"/>), and the grains' internal methods also need the operator key.</summary>
public sealed class JobRecClient : IAsyncDisposable
{
    private readonly IHost _host;

    private JobRecClient(IHost host, IReadOnlyList<string> gateways)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
        Operations = new JobRecOperations(Grains);
        Gateways = gateways;
    }

    /// <summary>The Orleans client: grain references of any JobRec grain interface.</summary>
    public IClusterClient Grains { get; }

    /// <summary>Typed, validated calls for every engine operation.</summary>
    public JobRecOperations Operations { get; }

    /// <summary>The gateways configured ("host:port"), or the PostgreSQL discovery ("postgres") when the client reads them from the cluster.</summary>
    public IReadOnlyList<string> Gateways { get; }

    /// <summary>A reference to grain <paramref name="key"/> of interface <typeparamref name="TGrain"/>.</summary>
    public TGrain GetGrain<TGrain>(string key)
        where TGrain : IGrainWithStringKey => Grains.GetGrain<TGrain>(key);

    /// <summary>Connects to one gateway "host:port" or a comma-separated list; throws <see cref="GatewayUnavailableException"/> when none answers
    /// and <see cref="FormatException"/> naming a bad entry.</summary>
    public static Task<JobRecClient> ConnectAsync(string gateways, Action<ClientOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        return ConnectAsync(gateways.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), configure, cancellationToken);
    }

    /// <summary>Connects to a list of gateways "host:port"; throws <see cref="GatewayUnavailableException"/> when none answers.</summary>
    public static Task<JobRecClient> ConnectAsync(IReadOnlyList<string> gateways, Action<ClientOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        var options = new ClientOptions { Gateways = gateways.ToList() };
        configure?.Invoke(options);
        return ConnectAsync(options, cancellationToken);
    }

    /// <summary>Connects per <paramref name="options"/>; throws <see cref="GatewayUnavailableException"/> naming the gateways when none answers.</summary>
    public static async Task<JobRecClient> ConnectAsync(ClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var discovery = !string.IsNullOrWhiteSpace(options.PostgresConnectionString);
        var endpoints = discovery ? [] : options.Gateways.Select(ParseEndpoint).ToArray();
        if (!discovery && endpoints.Length == 0)
        {
            throw new ArgumentException("ClientOptions.Gateways must list at least one host:port (or set PostgresConnectionString).", nameof(options));
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ClusterId;
            });
            if (discovery)
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = options.PostgresConnectionString;
                });
            }
            else
            {
                client.UseStaticClustering(endpoints);
            }

            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = options.GatewayListRefreshInterval);
            client.UseConnectionRetryFilter(new ConnectRetry(options));
            if (options.Tls is { } tls)
            {
                var authority = tls.LoadAuthority();
                client.UseTls(tls.LoadCertificate(), o => o.RemoteCertificateValidation = (peer, _, _) => ClusterTlsOptions.IsIssuedBy(peer, authority));
            }

            if (options.OperatorKey is { Length: > 0 } operatorKey)
            {
                client.AddOutgoingGrainCallFilter(context =>
                {
                    RequestContext.Set(GrainCallContextKeys.OperatorKey, operatorKey);
                    return context.Invoke();
                });
            }
        });
        var host = builder.Build();
        var named = discovery ? ["postgres"] : options.Gateways;
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new GatewayUnavailableException($"no JobRec gateway answered ({string.Join(", ", named)}; cluster id '{options.ClusterId}'): {e.Message}", e);
        }

        return new JobRecClient(host, named);
    }

    /// <summary>Parses "host:port" (an IP address or a host name resolved now); throws <see cref="FormatException"/> naming the entry.</summary>
    public static IPEndPoint ParseEndpoint(string gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gateway.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"gateway '{gateway}' must be host:port with a port in 1..65535");
        }

        var host = gateway[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var ip))
        {
            return new IPEndPoint(ip, port);
        }

        try
        {
            var address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new FormatException($"gateway '{gateway}': host '{host}' has no IPv4 address");
            return new IPEndPoint(address, port);
        }
        catch (SocketException e)
        {
            throw new FormatException($"gateway '{gateway}': host '{host}' does not resolve ({e.Message})", e);
        }
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // best effort: the host is disposed below
        }

        _host.Dispose();
    }

    /// <summary>Retries the first connection a few times (a silo may still be starting).</summary>
    private sealed class ConnectRetry(ClientOptions options) : IClientConnectionRetryFilter
    {
        private int _attempts;

        public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
        {
            if (++_attempts >= Math.Max(1, options.ConnectAttempts))
            {
                return false;
            }

            await Task.Delay(options.RetryDelay, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }
}
