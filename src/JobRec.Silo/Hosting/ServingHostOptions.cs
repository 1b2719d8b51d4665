using JobRec.Grains.Hosting;
using JobRec.Grains.Inference;
using JobRec.ML.Text;

namespace JobRec.Silo.Hosting;

/// <summary>How to compose a serving silo: where state lives, where HTTP and the gateway listen, which models run.</summary>
public sealed record ServingHostOptions
{
    /// <summary>Folder of grain state (SQLite) and index shard logs; default ./.jobrec.</summary>
    public string DataDirectory { get; init; } = ".jobrec";

    /// <summary>HTTP address of the API and page; loopback by default.</summary>
    public Uri HttpUrl { get; init; } = new("http://127.0.0.1:5080");

    /// <summary>Gateway port for client SDK connections; 0 disables the gateway.</summary>
    public int GatewayPort { get; init; }

    /// <summary>When set, API calls must carry it in the X-Api-Key header.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Keep grain state in memory instead of SQLite (tests).</summary>
    public bool InMemoryState { get; init; }

    /// <summary>Serving grain settings; IndexDirectory defaults to DataDirectory/index.</summary>
    public ServingOptions Serving { get; init; } = new();

    /// <summary>The text encoder of the inference pool.</summary>
    public required ITextEncoder Encoder { get; init; }

    /// <summary>The candidate scorer; null uses the linear scorer until a model is set on InferenceModels.</summary>
    public ICandidateScorer? Scorer { get; init; }

    /// <summary>The O*NET classifier, or null.</summary>
    public IOccupationClassifier? Classifier { get; init; }
}
