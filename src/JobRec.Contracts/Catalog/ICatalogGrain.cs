using Orleans;
using Orleans.Concurrency;
using JobRec.Contracts.Security;

namespace JobRec.Contracts.Catalog;

/// <summary>A persisted name table (key "occupations": O*NET code to title; key "skills": skill name to source) filled by ingest.</summary>
[Alias("jobrec.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>Inserts or replaces entries; returns how many keys were new (keys compare case-insensitively).</summary>
    [InternalGrainMethod]
    Task<int> UpsertAsync([Immutable] IReadOnlyDictionary<string, string> entries);

    /// <summary>The value stored for the key, or empty when unknown.</summary>
    Task<string> LookupAsync(string key);

    /// <summary>Number of entries.</summary>
    Task<int> CountAsync();
}
