namespace JobRec.Silo.Demo;

/// <summary>Options of <c>jobrec demo</c>.</summary>
public sealed record DemoOptions
{
    /// <summary>State folder (grain SQLite, shard logs, models).</summary>
    public string DataDirectory { get; init; } = ".jobrec";
    /// <summary>Synthetic jobs when no --data is given.</summary>
    public int Jobs { get; init; } = 20_000;
    /// <summary>Synthetic users when no --data is given.</summary>
    public int Users { get; init; } = 5_000;
    /// <summary>Synthetic market seed.</summary>
    public ulong Seed { get; init; } = 42;
    /// <summary>Folder of real files, or null for the synthetic market.</summary>
    public string? Data { get; init; }
    /// <summary>Source format name of <see cref="Data"/>.</summary>
    public string? Source { get; init; }
    /// <summary>"hashed" (lexical, fast) or "use-lite" (USE-Lite 512-d).</summary>
    public string Encoder { get; init; } = "hashed";
    /// <summary>Factorization machine epochs.</summary>
    public int FmEpochs { get; init; } = 10;
    /// <summary>Most test users evaluated.</summary>
    public int EvaluationUsers { get; init; } = 1_000;
    /// <summary>Where the API and page listen.</summary>
    public Uri Url { get; init; } = new("http://127.0.0.1:5080");
    /// <summary>O*NET folder (ONET.OccupationData.tsv, ONET.AlternateTitles.tsv) to train the occupation classifier from; null: jobs keep the code their source gave (the command line fills it from JOBREC_ONET_DIR when --onet is not given).</summary>
    public string? OnetDirectory { get; init; }
    /// <summary>Most O*NET alternate titles the classifier trains on (every n-th kept; 0 = all); null: all (the command line fills it from JOBREC_ONET_MAX_TITLES when --onet-max-titles is not given; all 45k titles took 45 s at load average 17 and 214 s at 45 on the shared 2-core box; the model is saved under models/ and reused by the next run with the same files and settings).</summary>
    public int? OnetMaxTitles { get; init; }
    /// <summary>The QA checkpoint the demo silo answers with; null: extractive answers.</summary>
    public string? QaCheckpointPath { get; init; }
    /// <summary>Train the O*NET classifier with its re-ranker (weights and re-ranker tuned on a development split: about five trainings instead of one, on the first run only).</summary>
    public bool OnetRerank { get; init; }
    /// <summary>A saved O*NET model (<c>jobrec onet train</c>) to load instead of training; it must have been trained with the demo's encoder.</summary>
    public string? OnetModel { get; init; }
    /// <summary>Vector index of the shards (the inverted file by default; exact for comparison).</summary>
    public JobRec.Grains.Indexing.ShardIndexKind ShardIndex { get; init; } = JobRec.Grains.Indexing.ShardIndexKind.InvertedFile;
    /// <summary>Exit after evaluation instead of serving.</summary>
    public bool NoServe { get; init; }

    /// <summary>When set, API calls need this X-Api-Key (operator scope) or a user token.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Per-user bearer tokens on the HTTP API; null: none accepted.</summary>
    public JobRec.Silo.Hosting.UserTokenOptions? UserTokens { get; init; }
}
