using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts;
using JobRec.Contracts.Catalog;

namespace JobRec.Grains.Catalog;

/// <summary>A persisted name table (occupations, skills) filled by ingest and read when jobs are stored.</summary>
[GrainType("JobRec.Grains.Catalog.CatalogGrain")]
public sealed class CatalogGrain : Grain<CatalogState>, ICatalogGrain
{
    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Entries.Comparer != StringComparer.OrdinalIgnoreCase)
        {
            State.Entries = new Dictionary<string, string>(State.Entries, StringComparer.OrdinalIgnoreCase);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<int> UpsertAsync(IReadOnlyDictionary<string, string> entries)
    {
        GrainArguments.Count("entries", entries);
        foreach (var (key, value) in entries)
        {
            GrainArguments.Text("entries key", key, ContractLimits.MaxShortFieldLength);
            GrainArguments.Text($"entries[{key}]", value ?? "", ContractLimits.MaxDescriptionLength);
        }

        var added = 0;
        var changed = false;
        foreach (var (key, value) in entries)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException($"catalog '{this.GetPrimaryKeyString()}': an entry has an empty key", nameof(entries));
            }

            if (!State.Entries.TryGetValue(key, out var old))
            {
                added++;
            }

            if (old != value)
            {
                State.Entries[key] = value ?? "";
                changed = true;
            }
        }

        if (changed)
        {
            await WriteStateAsync();
        }

        return added;
    }

    /// <inheritdoc />
    public Task<string> LookupAsync(string key)
    {
        GrainArguments.Text("key", key ?? "", ContractLimits.MaxShortFieldLength);
        return Task.FromResult(State.Entries.GetValueOrDefault(key ?? "") ?? "");
    }

    /// <inheritdoc />
    public Task<int> CountAsync() => Task.FromResult(State.Entries.Count);
}
