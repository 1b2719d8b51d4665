using JobRec.Grains.Hosting;
using JobRec.Grains.Inference;
using JobRec.ML.Text;
using JobRec.OrleansExtensions.Clustering;

namespace JobRec.Silo.Hosting;

/// <summary>How to compose a serving silo: where state lives, where HTTP and the gateway listen, which models run.</summary>
public sealed record ServingHostOptions
{
    /// <summary>Folder of grain state (SQLite, embedded mode) and index shard logs; default ./.jobrec.</summary>
    public string DataDirectory { get; init; } = ".jobrec";

    /// <summary>HTTP address of the API and page; loopback by default.</summary>
    public Uri HttpUrl { get; init; } = new("http://127.0.0.1:5080");

    /// <summary>Gateway port for client SDK connections (Orleans gateway); 0 disables the gateway.</summary>
    public int GatewayPort { get; init; }

    /// <summary>Silo-to-silo port; 0 takes a free port (fine for the embedded silo and on one machine: the cluster's membership table
    /// advertises the port a silo took).</summary>
    public int SiloPort { get; init; }

    /// <summary>Address the silo and gateway bind to and advertise; loopback by default.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>Silo name shown in the membership table and /cluster; null: host name and silo port.</summary>
    public string? SiloName { get; init; }

    /// <summary>Cluster membership and grain state on PostgreSQL; null runs the embedded silo (localhost clustering, SQLite state).</summary>
    public PostgresClusterOptions? Cluster { get; init; }

    /// <summary>SQLite file of grain state in embedded mode; null: DataDirectory/grain-state.db.</summary>
    public string? StoragePath { get; init; }

    /// <summary>Whether the Orleans Dashboard (grain and silo statistics) is served at /dashboard on the HTTP address (loopback by default);
    /// it profiles every grain call, so benchmarks turn it off.</summary>
    public bool Dashboard { get; init; } = true;

    /// <summary>Whether the Orleans runtime's meters ("Microsoft.Orleans": messages, activations, calls, membership, storage) are served in
    /// Prometheus text format at /metrics on the HTTP address, through OpenTelemetry.</summary>
    public bool Metrics { get; init; } = true;

    /// <summary>Host names (Host header, without port) the HTTP API answers; others get 400, which defeats DNS rebinding. Null: localhost,
    /// 127.0.0.1, [::1] and the host of <see cref="HttpUrl"/> unless it is a wildcard address; "*" allows any (not recommended).</summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    /// <summary>The allowed hosts in effect (see <see cref="AllowedHosts"/>).</summary>
    public IReadOnlyList<string> EffectiveAllowedHosts
    {
        get
        {
            if (AllowedHosts is { Count: > 0 } configured)
            {
                return configured;
            }

            var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
            var host = HttpUrl.Host;
            if (host is not ("0.0.0.0" or "[::]" or "::") && !hosts.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                hosts.Add(host);
            }

            return hosts;
        }
    }

    /// <summary>When set, API calls must carry it in the X-Api-Key header.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Bounds on the gateway listener and on Orleans message sizes.</summary>
    public GatewayConnectionLimits GatewayLimits { get; init; } = new();

    /// <summary>Per-user bearer tokens on the HTTP API (a user acts only on itself); null: none accepted.</summary>
    public UserTokenOptions? UserTokens { get; init; }

    /// <summary>The operator key a trusted gateway client (bulk ingest through <c>jobrec ingest --gateway</c>) sends to call the grains'
    /// internal methods (<c>JobRec.Contracts.Security.InternalGrainMethodAttribute</c>); null: no gateway client may call them (the HTTP API
    /// and the grains themselves always may).</summary>
    public string? OperatorKey { get; init; }

    /// <summary>TLS with mutual certificate authentication on the silo-to-silo and gateway links; required when <see cref="Address"/> is
    /// not a loopback address (the silo refuses to start otherwise). Null: plain TCP on loopback.</summary>
    public JobRec.Contracts.Security.ClusterTlsOptions? Tls { get; init; }

    /// <summary>Keep grain state in memory instead of SQLite (tests, benchmarks; embedded mode only).</summary>
    public bool InMemoryState { get; init; }

    /// <summary>Serving grain settings; IndexDirectory defaults to DataDirectory/index.</summary>
    public ServingOptions Serving { get; init; } = new();

    /// <summary>The text encoder of the inference pool.</summary>
    public required ITextEncoder Encoder { get; init; }

    /// <summary>The candidate scorer; null uses the linear scorer until a model is set on InferenceModels.</summary>
    public ICandidateScorer? Scorer { get; init; }

    /// <summary>The O*NET classifier, or null.</summary>
    public IOccupationClassifier? Classifier { get; init; }

    /// <summary>The skill extractor (tagger, or dictionary fallback; see <c>SkillExtractionConfiguration</c>); the silo disposes it. Null: the
    /// dictionary matcher over the built-in vocabulary.</summary>
    public JobRec.ML.Skills.SkillExtractor? Skills { get; init; }
}
