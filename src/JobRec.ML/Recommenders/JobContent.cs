namespace JobRec.ML.Recommenders;

/// <summary>What a recommender may know about a job besides its interactions.</summary>
/// <param name="Text">Title, company, location and description text; may be empty.</param>
/// <param name="Region">Two-letter region code ("CA"), or empty when unknown.</param>
public sealed record JobContent(string Text, string Region)
{
    /// <summary>Normalised skill names the job asks for.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>O*NET-SOC code of the job, or empty.</summary>
    public string OnetCode { get; init; } = "";

    /// <summary>The job's title alone (no company or location), or empty; title-token features read it.</summary>
    public string Title { get; init; } = "";

    /// <summary>Where the job is, as "City, ST" (case-insensitive), or empty; city-match features read it.</summary>
    public string City { get; init; } = "";

    /// <summary>When the job was posted, when known.</summary>
    public DateTimeOffset? PostedAt { get; init; }

    /// <summary>A job about which nothing is known.</summary>
    public static JobContent Empty { get; } = new("", "");
}
