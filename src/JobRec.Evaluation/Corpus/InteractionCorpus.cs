using JobRec.Data.Model;

namespace JobRec.Evaluation.Corpus;

/// <summary>Jobs, users and their interactions read from one source, the input of every evaluation split.</summary>
public sealed class InteractionCorpus
{
    /// <summary>Creates a corpus; jobs and users referenced by interactions but not listed are added empty.</summary>
    public InteractionCorpus(IEnumerable<JobPosting> jobs, IEnumerable<UserProfile> users, IEnumerable<Interaction> interactions)
    {
        Jobs = new Dictionary<string, JobPosting>(StringComparer.Ordinal);
        foreach (var job in jobs) ((Dictionary<string, JobPosting>)Jobs)[job.Id] = job;
        Users = new Dictionary<string, UserProfile>(StringComparer.Ordinal);
        foreach (var user in users) ((Dictionary<string, UserProfile>)Users)[user.Id] = user;
        Interactions = [.. interactions.OrderBy(i => i.Time).ThenBy(i => i.UserId, StringComparer.Ordinal).ThenBy(i => i.JobId, StringComparer.Ordinal)];
        foreach (var i in Interactions)
        {
            if (!Jobs.ContainsKey(i.JobId)) ((Dictionary<string, JobPosting>)Jobs)[i.JobId] = new JobPosting(i.JobId, "", "", "", "");
            if (!Users.ContainsKey(i.UserId)) ((Dictionary<string, UserProfile>)Users)[i.UserId] = new UserProfile(i.UserId, "", "");
        }
    }

    /// <summary>Every job by id.</summary>
    public IReadOnlyDictionary<string, JobPosting> Jobs { get; }

    /// <summary>Every user by id.</summary>
    public IReadOnlyDictionary<string, UserProfile> Users { get; }

    /// <summary>All interactions, oldest first (ties by user then job id, so the order is deterministic).</summary>
    public IReadOnlyList<Interaction> Interactions { get; }

    /// <summary>Description of where the corpus came from, for reports.</summary>
    public string Description { get; init; } = "";
}
