namespace JobRec.ML.Recommenders;

/// <summary>Finds a user's region: the profile's region, else the region of most of the jobs they interacted with.</summary>
public static class UserRegionResolver
{
    /// <summary>The user's region code, or empty when neither the profile nor the history names one.</summary>
    public static string Resolve(RecommenderDataset data, int user)
    {
        string own = data.Users[user].Region;
        if (own.Length > 0) return own;
        var jobs = data.JobsOf(user);
        if (jobs.IsEmpty) return "";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string best = "";
        int bestCount = 0;
        for (int i = jobs.Length - 1; i >= 0; i--) // newest first: ties go to the most recent region
        {
            string region = data.Jobs[jobs[i]].Region;
            if (region.Length == 0) continue;
            int c = counts[region] = counts.GetValueOrDefault(region) + 1;
            if (c > bestCount) { best = region; bestCount = c; }
        }
        return best;
    }
}
