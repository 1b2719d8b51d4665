using JobRec.Contracts.Interactions;

namespace JobRec.Grains.Recommendations;

/// <summary>Turns a ranked candidate's features into short human-readable reasons.</summary>
internal static class RecommendationReasons
{
    private const float SimilarToThreshold = 0.5f;

    public static IReadOnlyList<string> For(UserContext user, in Candidate c, HashSet<string> userSkills)
    {
        var reasons = new List<string>(4);
        var shared = c.Hit.Skills.Select(s => s.Trim()).Where(userSkills.Contains).Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
        if (shared.Count > 0)
        {
            reasons.Add($"matches your skills: {string.Join(", ", shared)}");
        }

        RecentJob? best = null;
        var bestSim = float.MinValue;
        for (var i = 0; i < user.RecentJobs.Count && i + 2 < c.Hit.Similarities.Length; i++)
        {
            var sim = c.Hit.Similarities.Span[i + 2];
            if (sim > bestSim)
            {
                bestSim = sim;
                best = user.RecentJobs[i];
            }
        }

        if (best is not null && (bestSim >= SimilarToThreshold || c.HasSource(CandidateSources.CoInteraction)))
        {
            var verb = best.Kind switch { InteractionKind.Apply => "applied to", InteractionKind.Save => "saved", _ => "viewed" };
            reasons.Add($"similar to \"{best.Job.Title}\" you {verb}");
        }

        if (user.Profile.Region.Length > 0 && string.Equals(user.Profile.Region, c.Hit.Job.Region, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add("in your area");
        }
        else if (user.Profile.WantsRemote && c.Hit.Job.Remote)
        {
            reasons.Add("remote, as you prefer");
        }

        if (c.HasSource(CandidateSources.Popular))
        {
            reasons.Add("popular right now");
        }

        if (reasons.Count == 0 && c.Hit.Similarities.Length > 0 && c.Hit.Similarities.Span[0] > 0)
        {
            reasons.Add("close to your profile");
        }

        return reasons;
    }
}
