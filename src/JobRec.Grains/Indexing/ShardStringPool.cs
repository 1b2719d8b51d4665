using JobRec.Contracts.Indexing;
using JobRec.Contracts.Jobs;

namespace JobRec.Grains.Indexing;

/// <summary>One copy of each repeated card string of a shard (company, location, region, O*NET code, skill names): a million postings
/// name a few thousand companies and places and a few thousand skills, so an entry keeps references instead of its own copies.
/// Not thread-safe: a shard's writes are serialised.</summary>
public sealed class ShardStringPool
{
    // Beyond this many distinct strings the pool stops adding (free text in a field would otherwise grow it without bound).
    private const int MaxStrings = 1 << 20;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    /// <summary>Distinct strings held.</summary>
    public int Count => _strings.Count;

    /// <summary>The entry with its repeated strings replaced by the pool's copies (the same entry when nothing changed).</summary>
    public ShardEntry Compact(ShardEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var job = entry.Job;
        var compactJob = job with
        {
            Company = Share(job.Company),
            Location = Share(job.Location),
            Region = Share(job.Region),
            OnetCode = Share(job.OnetCode),
        };
        var skills = new string[entry.Skills.Count];
        for (var i = 0; i < skills.Length; i++)
        {
            skills[i] = Share(entry.Skills[i]);
        }

        return entry with { Job = compactJob, Skills = skills };
    }

    private string Share(string value)
    {
        if (value.Length == 0)
        {
            return "";
        }

        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (_strings.Count < MaxStrings)
        {
            _strings[value] = value;
        }

        return value;
    }
}
