using JobRec.Contracts.Indexing;
using JobRec.Grains.Indexing;
using JobRec.Vectors.Ivf;

namespace JobRec.Grains.Hosting;

/// <summary>Settings of the serving grains: shard count, where shard logs live, batching and candidate sizes.</summary>
public sealed record ServingOptions
{
    /// <summary>Number of index shards jobs hash into (every silo of a cluster must use the same; the shard logs are redistributed when it changes).</summary>
    public int ShardCount { get; init; } = ShardRouting.EmbeddedShardCount;

    /// <summary>Folder of the shard entry logs; null keeps shard entries in memory only (tests).</summary>
    public string? IndexDirectory { get; init; }

    /// <summary>The vector index of each shard (default the managed inverted file: a brute-force scan of every shard per recommend cost about 17 ms of CPU at 100k jobs, see docs/BENCHMARKS.md, Serving).</summary>
    public ShardIndexKind ShardIndex { get; init; } = ShardIndexKind.InvertedFile;

    /// <summary>Settings of the inverted-file shard index (when it clusters, lists, probes, list encoding); null takes
    /// <see cref="ShardVectorIndex.DefaultInvertedFile"/> (signed-byte lists, hits re-scored exactly).</summary>
    public InvertedFileOptions? InvertedFile { get; init; }

    /// <summary>The QA language-model checkpoint the inference pool answers with (the host resolves it, see <see cref="Inference.QaCheckpointLocation"/>);
    /// null: answers are extractive.</summary>
    public string? QaCheckpointPath { get; init; }

    /// <summary>How long the inference batchers wait for more requests before running a model. Zero (the default) runs what is queued
    /// at once: requests that arrive while a batch runs form the next one, so batches grow with load and a lone request never waits.</summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.Zero;

    /// <summary>Most requests one model call takes.</summary>
    public int MaxBatch { get; init; } = 64;

    /// <summary>Semantic candidates asked from all shards together, as a multiple of k.</summary>
    public int SemanticCandidatesPerK { get; init; } = 4;

    /// <summary>How many recent jobs the user's query vector and co-interaction candidates use.</summary>
    public int RecentJobsForQuery { get; init; } = 10;

    /// <summary>Popular jobs added as candidates.</summary>
    public int PopularCandidates { get; init; } = 20;

    /// <summary>How many interactions a user grain keeps (oldest dropped first).</summary>
    public int MaxStoredInteractions { get; init; } = 500;

    /// <summary>The serving clock: jobs whose ClosesAt is before it are not served; a simulated market sets its own time here.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>Weight of the resume embedding against the mean of recent job embeddings in the query vector.</summary>
    public float ProfileWeight { get; init; } = 0.5f;

    /// <summary>Recommends (not answered from a cache) and searches one silo computes at once; the others wait in arrival order
    /// (<see cref="ServingAdmission"/>). Default four per core.</summary>
    public int MaxConcurrentRequests { get; init; } = 4 * Environment.ProcessorCount;

    /// <summary>Where the silo finds its models (the active version of each slot is loaded at start and swapped when another is activated);
    /// null: none, the inference pool serves its fallbacks. The host sets it (a folder embedded, PostgreSQL in a cluster).</summary>
    public JobRec.ML.Models.IModelStore? ModelStore { get; init; }

    /// <summary>How often the silo asks the model store which versions are active.</summary>
    public TimeSpan ModelPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Name of the silo's text encoder ("hashed", "minilm", ...): a stored model trained with another is refused. Null: only the
    /// dimension is checked.</summary>
    public string? EncoderName { get; init; }

    /// <summary>Receives one line per model loaded or refused (besides the silo's logger), e.g. the console of <c>jobrec silo</c>.</summary>
    public Action<string>? ModelLog { get; init; }

    /// <summary>Characters of a job's title and description (or a user's resume) the skill extractor reads when the job or user is created or
    /// replaced through the API (the first ones, cut at a word break); 0 extracts nothing.</summary>
    public int SkillUpsertCharacters { get; init; } = 10_000;

    /// <summary>Characters the skill extractor reads per job (title and description) or user (resume) on bulk import; 0 turns extraction at
    /// import off. Bounded because the tagger runs the encoder over every sentence read (docs/BENCHMARKS.md, Skills).</summary>
    public int SkillImportCharacters { get; init; } = 2_000;

    /// <summary>What extracts skills on bulk import: the dictionary matcher (default: the tagger on CPU reads about one 2,000-character posting
    /// per second, a day for 100k postings), the tagger (opt in, e.g. with the CUDA build), or nothing.</summary>
    public SkillImportMode SkillImport { get; init; } = SkillImportMode.Dictionary;

    /// <summary>Most requests waiting for their turn; past it a request is refused (<see cref="JobRec.Contracts.ServingOverloadedException"/>, HTTP 503).</summary>
    public int MaxQueuedRequests { get; init; } = 2000;
}
