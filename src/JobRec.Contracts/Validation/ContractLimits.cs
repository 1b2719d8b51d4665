namespace JobRec.Contracts;

/// <summary>Bounds on request sizes shared by the HTTP API, the client SDK and the grains.</summary>
public static class ContractLimits
{
    /// <summary>Largest k for recommendations, search and similar jobs.</summary>
    public const int MaxK = 100;
    /// <summary>Longest id (job or user).</summary>
    public const int MaxIdLength = 128;
    /// <summary>Longest title.</summary>
    public const int MaxTitleLength = 300;
    /// <summary>Longest short text field (company, location, region, level...).</summary>
    public const int MaxShortFieldLength = 200;
    /// <summary>Longest description or resume text.</summary>
    public const int MaxDescriptionLength = 50_000;
    /// <summary>Longest search query.</summary>
    public const int MaxQueryLength = 1_000;
    /// <summary>Most skills on a job or user.</summary>
    public const int MaxSkills = 100;
    /// <summary>Most interactions a user grain returns in its view.</summary>
    public const int MaxReturnedInteractions = 50;
    /// <summary>Longest embedding a grain accepts (the encoders here make 256..1024 dimensions).</summary>
    public const int MaxEmbeddingDimensions = 4096;
    /// <summary>Most items in one bulk grain call (ingest batches, shard upserts, id lists, texts to encode).</summary>
    public const int MaxBatchItems = 100_000;
    /// <summary>Largest counter delta one statistics import may add to a job (views, saves, applies, one co-interaction count).</summary>
    public const long MaxCounterDelta = 100_000_000;
    /// <summary>Largest absolute popularity weight one call may add to a job.</summary>
    public const float MaxPopularityWeight = 1_000_000f;
    /// <summary>Longest text a grain encodes or classifies (a posting's title, description and skills together).</summary>
    public const int MaxEncodedTextLength = 2 * MaxDescriptionLength;
    /// <summary>Largest HTTP request body in bytes.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <summary>Earliest time an interaction or a posting may carry.</summary>
    public static readonly DateTimeOffset EarliestTime = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far past the server's clock an interaction or a posting may be dated (clock skew, time zones).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromDays(1);
}
