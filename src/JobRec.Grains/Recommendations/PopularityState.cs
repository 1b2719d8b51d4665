namespace JobRec.Grains.Recommendations;

/// <summary>Persistent state of the <see cref="PopularityGrain"/>.</summary>
public sealed class PopularityState
{
    /// <summary>Job id to weighted interaction count.</summary>
    public Dictionary<string, float> Counts { get; set; } = [];
}
