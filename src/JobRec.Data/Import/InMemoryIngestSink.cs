using JobRec.Data.Model;

namespace JobRec.Data.Import;

/// <summary>An <see cref="IIngestSink"/> that keeps everything in dictionaries; for tests and small in-process runs.</summary>
public sealed class InMemoryIngestSink : IIngestSink
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JobPosting> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserProfile> _users = new(StringComparer.Ordinal);
    private readonly HashSet<Interaction> _interactions = [];
    private readonly Dictionary<string, Occupation> _occupations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Skill> _skills = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Jobs by id.</summary>
    public IReadOnlyDictionary<string, JobPosting> Jobs => _jobs;
    /// <summary>Users by id.</summary>
    public IReadOnlyDictionary<string, UserProfile> Users => _users;
    /// <summary>Distinct interactions.</summary>
    public IReadOnlySet<Interaction> Interactions => _interactions;
    /// <summary>Occupations by code.</summary>
    public IReadOnlyDictionary<string, Occupation> Occupations => _occupations;
    /// <summary>Skills by name.</summary>
    public IReadOnlyDictionary<string, Skill> Skills => _skills;

    /// <inheritdoc />
    public ValueTask<int> UpsertJobsAsync(IReadOnlyList<JobPosting> jobs, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Upsert(_jobs, jobs, j => j.Id));

    /// <inheritdoc />
    public ValueTask<int> UpsertUsersAsync(IReadOnlyList<UserProfile> users, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Upsert(_users, users, u => u.Id));

    /// <inheritdoc />
    public ValueTask<int> UpsertOccupationsAsync(IReadOnlyList<Occupation> occupations, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Upsert(_occupations, occupations, o => o.Code));

    /// <inheritdoc />
    public ValueTask<int> UpsertSkillsAsync(IReadOnlyList<Skill> skills, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Upsert(_skills, skills, s => s.Name));

    /// <inheritdoc />
    public ValueTask<int> AddInteractionsAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default)
    {
        lock (_lock) return ValueTask.FromResult(interactions.Count(_interactions.Add));
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    private int Upsert<T>(Dictionary<string, T> store, IReadOnlyList<T> items, Func<T, string> key)
    {
        lock (_lock)
        {
            var created = 0;
            foreach (var item in items)
            {
                if (!store.ContainsKey(key(item))) created++;
                store[key(item)] = item;
            }
            return created;
        }
    }
}
