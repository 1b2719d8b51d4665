namespace JobRec.ML.Skills;

/// <summary>Splits of tagged sentences for training.</summary>
public static class SkillTaggerData
{
    /// <summary>Splits <paramref name="sentences"/> into training and tuning parts by document (<see cref="TaggedSentence.Group"/>, in order of first
    /// appearance): every <c>round(1 / tuneShare)</c>-th document goes to the tuning part, so no document is in both.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tuneShare"/> is not in (0, 0.5].</exception>
    public static (List<int> Train, List<int> Tune) SplitByDocument(IReadOnlyList<TaggedSentence> sentences, double tuneShare)
    {
        if (tuneShare is <= 0 or > 0.5) throw new ArgumentOutOfRangeException(nameof(tuneShare), tuneShare, "tuning share must be in (0, 0.5]");
        int every = (int)Math.Round(1 / tuneShare);
        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var train = new List<int>();
        var tune = new List<int>();
        for (int i = 0; i < sentences.Count; i++)
        {
            if (!groupIndex.TryGetValue(sentences[i].Group, out var g)) groupIndex[sentences[i].Group] = g = groupIndex.Count;
            (g % every == every - 1 ? tune : train).Add(i);
        }
        return (train, tune);
    }
}
