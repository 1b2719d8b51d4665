using Orleans;
namespace JobRec.Contracts.Search;

/// <summary>Filters applied to search and to shard lookups; an empty field does not filter.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable, Alias("jobrec.SearchFilters")]
public sealed record SearchFilters
{
    /// <summary>Only jobs in this region (two-letter code); remote jobs pass when <see cref="IncludeRemote"/> is true.</summary>
    public string Region { get; init; } = "";
    /// <summary>When true, only remote jobs.</summary>
    public bool RemoteOnly { get; init; }
    /// <summary>When filtering by region, whether remote jobs elsewhere also pass.</summary>
    public bool IncludeRemote { get; init; }
    /// <summary>Only jobs whose O*NET code starts with this prefix ("15-" or "15-1252.00").</summary>
    public string OnetPrefix { get; init; } = "";

    /// <summary>True when no field filters.</summary>
    public bool IsEmpty => Region.Length == 0 && !RemoteOnly && OnetPrefix.Length == 0;
}
