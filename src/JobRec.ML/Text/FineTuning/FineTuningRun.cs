using JobRec.ML.Onet;

namespace JobRec.ML.Text.FineTuning;

/// <summary>One fine-tuning experiment: deterministic 90/10 split of pairs, head training on the 90%, retrieval before/after on the 10%.</summary>
public static class FineTuningRun
{
    /// <summary>Trains a head on <paramref name="pairs"/> encoded with <paramref name="encoder"/> and reports validation retrieval before and after.</summary>
    /// <exception cref="ArgumentException">Fewer than two pairs in the training or validation part.</exception>
    public static (ProjectionHead Head, FineTuningReport Report) Run(IReadOnlyList<TrainingPair> pairs, ITextEncoder encoder,
        ContrastiveOptions? options = null, Action<string>? progress = null)
    {
        var train = new List<TrainingPair>();
        var validation = new List<TrainingPair>();
        foreach (var p in pairs) (TitleSplit.StableHash(p.Source + "|" + p.Anchor) % 10 == 0 ? validation : train).Add(p);
        if (train.Count < 2 || validation.Count < 2)
            throw new ArgumentException($"need at least two training and two validation pairs, got {train.Count} and {validation.Count}", nameof(pairs));
        int d = encoder.Dimension;
        progress?.Invoke($"{train.Count} training and {validation.Count} validation pairs; encoding");
        var anchors = encoder.Encode(train.Select(p => p.Anchor).ToArray());
        var positives = encoder.Encode(train.Select(p => p.Positive).ToArray());
        var groupIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = train.Select(p => groupIds.TryGetValue(p.Source + "|" + p.Group, out var g) ? g : groupIds[p.Source + "|" + p.Group] = groupIds.Count).ToArray();
        var head = ContrastiveTrainer.Train(anchors, positives, d, groups, options,
            (epoch, loss) => progress?.Invoke($"epoch {epoch}: InfoNCE loss {loss:F4}"));

        var rows = new List<FineTuningReport.Row>();
        foreach (var source in validation.GroupBy(p => p.Source).OrderBy(g => g.Key))
        {
            var list = source.ToList();
            var distinct = list.Select(p => p.Positive).Distinct(StringComparer.Ordinal).ToList();
            var position = distinct.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
            var target = list.Select(p => position[p.Positive]).ToArray();
            var va = encoder.Encode(list.Select(p => p.Anchor).ToArray());
            var vp = encoder.Encode(distinct);
            var before = ContrastiveTrainer.Evaluate(va, vp, target, d);
            var after = ContrastiveTrainer.Evaluate(head.Apply(va), head.Apply(vp), target, d);
            rows.Add(new FineTuningReport.Row(source.Key, list.Count, distinct.Count, before.Recall1, before.Recall10, before.Mrr,
                after.Recall1, after.Recall10, after.Mrr));
        }
        return (head, new FineTuningReport(train.Count, validation.Count, rows));
    }
}
