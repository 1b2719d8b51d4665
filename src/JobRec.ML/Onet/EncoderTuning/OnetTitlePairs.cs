using JobRec.Data.Model;

namespace JobRec.ML.Onet.EncoderTuning;

/// <summary>The texts and positive pairs for contrastive fine-tuning of an encoder on O*NET titles, built from training titles only:
/// each training alternate title is paired with its occupation's title, or with another training alternate title of the same occupation.
/// <see cref="Texts"/> holds every distinct text once (the occupation titles first, text o being occupation o's title), so a caller
/// can compute each text's frozen encoder states once.</summary>
public sealed class OnetTitlePairs
{
    private readonly int[][] _alternatesOf;

    private OnetTitlePairs(IReadOnlyList<Occupation> occupations, string[] texts, int[] anchorText, int[] anchorOccupation, int[][] alternatesOf)
    {
        Occupations = occupations;
        Texts = texts;
        AnchorText = anchorText;
        AnchorOccupation = anchorOccupation;
        _alternatesOf = alternatesOf;
    }

    /// <summary>The occupations; occupation o's title is <see cref="Texts"/>[o].</summary>
    public IReadOnlyList<Occupation> Occupations { get; }

    /// <summary>Every distinct text (ordinal comparison): the occupation titles, then the training alternate titles.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Per anchor (one per distinct training row of a known occupation whose title is not the occupation's own title): its text index.</summary>
    public IReadOnlyList<int> AnchorText { get; }

    /// <summary>Per anchor: its occupation's index.</summary>
    public IReadOnlyList<int> AnchorOccupation { get; }

    /// <summary>Builds the pairs from <paramref name="training"/>; rows of codes not among <paramref name="occupations"/> are skipped.</summary>
    /// <exception cref="ArgumentException">No training row belongs to a known occupation.</exception>
    public static OnetTitlePairs Build(IReadOnlyList<Occupation> occupations, IReadOnlyList<TitleLabel> training)
    {
        ArgumentNullException.ThrowIfNull(occupations);
        ArgumentNullException.ThrowIfNull(training);
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int o = 0; o < occupations.Count; o++) column.TryAdd(occupations[o].Code, o);
        var texts = new List<string>();
        var textIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int IndexOf(string text)
        {
            if (!textIndex.TryGetValue(text, out int i)) { i = texts.Count; textIndex[text] = i; texts.Add(text); }
            return i;
        }
        foreach (var o in occupations) texts.Add(o.Title);
        for (int o = 0; o < occupations.Count; o++) textIndex.TryAdd(occupations[o].Title, o);
        var anchorText = new List<int>();
        var anchorOccupation = new List<int>();
        var alternates = Enumerable.Range(0, occupations.Count).Select(_ => new List<int>()).ToArray();
        var seen = new HashSet<(int, string)>();
        foreach (var row in training)
        {
            if (!column.TryGetValue(row.Code, out int o) || string.IsNullOrWhiteSpace(row.Title)) continue;
            var title = row.Title.Trim();
            if (string.Equals(title, occupations[o].Title, StringComparison.OrdinalIgnoreCase) || !seen.Add((o, title.ToLowerInvariant()))) continue;
            int t = IndexOf(title);
            anchorText.Add(t);
            anchorOccupation.Add(o);
            alternates[o].Add(t);
        }
        if (anchorText.Count == 0) throw new ArgumentException("no training title belongs to a known occupation", nameof(training));
        return new OnetTitlePairs(occupations, [.. texts], [.. anchorText], [.. anchorOccupation], alternates.Select(a => a.ToArray()).ToArray());
    }

    /// <summary>One epoch of pairs in random order: every anchor once, its positive another alternate title of its occupation with probability
    /// <paramref name="alternateShare"/> (when the occupation has one), else the occupation's title. Group = occupation index (pairs of one group are
    /// not each other's negatives).</summary>
    public (int[] Anchor, int[] Positive, int[] Group) Sample(Random random, float alternateShare)
    {
        ArgumentNullException.ThrowIfNull(random);
        int n = AnchorText.Count;
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        var anchor = new int[n];
        var positive = new int[n];
        var group = new int[n];
        for (int i = 0; i < n; i++)
        {
            int r = order[i], o = AnchorOccupation[r];
            anchor[i] = AnchorText[r];
            group[i] = o;
            var others = _alternatesOf[o];
            positive[i] = o;
            if (others.Length > 1 && random.NextSingle() < alternateShare)
            {
                int pick = others[random.Next(others.Length - 1)];
                positive[i] = pick == anchor[i] ? others[^1] : pick;
            }
        }
        return (anchor, positive, group);
    }
}
