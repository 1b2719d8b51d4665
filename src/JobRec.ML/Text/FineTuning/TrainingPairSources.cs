using JobRec.Data.Model;
using JobRec.Data.Reading;
using JobRec.ML.Onet;

namespace JobRec.ML.Text.FineTuning;

/// <summary>Builds contrastive training pairs from the shared public data: O*NET alternate titles, Dice postings, Job_Views co-views.</summary>
public static class TrainingPairSources
{
    /// <summary>Alternate title -> "occupation title. description" (group: the occupation code).</summary>
    public static IEnumerable<TrainingPair> OnetTitles(IReadOnlyList<Occupation> occupations, IEnumerable<TitleLabel> titles)
    {
        var byCode = occupations.ToDictionary(o => o.Code, StringComparer.Ordinal);
        foreach (var t in titles)
            if (byCode.TryGetValue(t.Code, out var o))
                yield return new TrainingPair(t.Title, $"{o.Title}. {o.Description}", "onet-title", o.Code);
    }

    /// <summary>JobBERT vacancy title -> the ESCO occupation's preferred label (group: the occupation URI); titles of unknown occupations are skipped.</summary>
    public static IEnumerable<TrainingPair> JobBertTitles(IEnumerable<TitleLabel> titles, IReadOnlyList<Occupation> escoOccupations)
    {
        var byUri = escoOccupations.GroupBy(o => o.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var t in titles)
            if (byUri.TryGetValue(t.Code, out var o))
                yield return new TrainingPair(t.Title, o.Title, "jobbert-title", o.Code);
    }

    /// <summary>ESCO alternative label -> the occupation's preferred label (group: the occupation URI).</summary>
    public static IEnumerable<TrainingPair> EscoLabels(IReadOnlyList<Occupation> escoOccupations)
    {
        foreach (var o in escoOccupations)
            foreach (var label in o.AlternateTitles.Distinct(StringComparer.OrdinalIgnoreCase))
                if (!string.Equals(label, o.Title, StringComparison.OrdinalIgnoreCase))
                    yield return new TrainingPair(label, o.Title, "esco-label", o.Code);
    }

    /// <summary>From postings with a description (the Dice reader's items): title -> description, and a query-like text (lower-case title + up to three skills) -> description.</summary>
    public static IEnumerable<TrainingPair> DicePostings(IEnumerable<SourceItem> items)
    {
        foreach (var item in items)
        {
            if (item.Job is not { } job || string.IsNullOrWhiteSpace(job.Description) || string.IsNullOrWhiteSpace(job.Title)) continue;
            var description = Clip(job.Description);
            yield return new TrainingPair(job.Title, description, "dice-title", job.Id);
            var skills = job.Skills.Where(s => s.Length is > 1 and < 30).Take(3).ToArray();
            if (skills.Length > 0)
                yield return new TrainingPair($"{job.Title.ToLowerInvariant()} {string.Join(", ", skills).ToLowerInvariant()}", description, "query-like", job.Id);
        }
    }

    /// <summary>Jobs viewed one after the other by the same applicant (the Job_Views reader's items: jobs and views): "title, company" -> next viewed job's text.</summary>
    public static IEnumerable<TrainingPair> CoViews(IEnumerable<SourceItem> items, int maxPairs = 5000)
    {
        var jobs = new Dictionary<string, JobPosting>(StringComparer.Ordinal);
        var views = new List<Interaction>();
        foreach (var item in items)
        {
            if (item.Job is { } job) jobs.TryAdd(job.Id, job);
            if (item.Interaction is { } interaction) views.Add(interaction);
        }
        int count = 0;
        foreach (var user in views.GroupBy(v => v.UserId))
        {
            var ordered = user.OrderBy(v => v.Time).Select(v => v.JobId).Distinct().ToList();
            for (int i = 0; i + 1 < ordered.Count && count < maxPairs; i++)
            {
                if (!jobs.TryGetValue(ordered[i], out var a) || !jobs.TryGetValue(ordered[i + 1], out var b)) continue;
                if (string.Equals(a.Title, b.Title, StringComparison.OrdinalIgnoreCase)) continue;
                count++;
                yield return new TrainingPair(a.Title, string.IsNullOrWhiteSpace(b.Description) ? b.Title : $"{b.Title}. {Clip(b.Description)}", "co-view", b.Id);
            }
        }
    }

    private static string Clip(string text) => text.Length <= 700 ? text : text[..700];
}
