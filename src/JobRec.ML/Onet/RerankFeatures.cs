namespace JobRec.ML.Onet;

/// <summary>Features of the top fused candidates of a query for <see cref="OnetReranker"/>: each kind of evidence as score, gap to the query's best
/// and log rank; the fused score; the occupation's title count (prior); whether the query's head word ends the occupation title or its training
/// titles (and is their most common head word); the share of all training titles with that head word, with the same last two words
/// and with each query word that belong to the candidate; word overlap with its titles; the classifier's probability mass in the candidate's SOC groups; and how many kinds of evidence put their
/// first choice in the candidate's minor group or on the candidate itself; the votes of the nearest titles (<see cref="NeighbourVotes"/>); the
/// similarity-weighted vote (<see cref="OnetEvidence.Vote"/>) as score, gap and log rank; and the
/// fine-tuned encoder classifier's own probability as score, gap and log rank (zeros when the model has none).</summary>
public static class RerankFeatures
{
    /// <summary>Features per candidate.</summary>
    public const int Count = 44;

    /// <summary>The <paramref name="k"/> best occupations of query <paramref name="query"/> of <paramref name="evidence"/> by the fused scores
    /// <paramref name="fused"/> (one value per occupation), with their features; <paramref name="relevant"/> is the right column or -1.</summary>
    /// <exception cref="ArgumentException">The profiles and the evidence cover different numbers of occupations.</exception>
    public static RerankList Build(OnetEvidence evidence, int query, ReadOnlySpan<float> fused, string title, OccupationProfiles profiles, int k, int relevant = -1)
    {
        int c = evidence.Occupations;
        if (profiles.Count != c || fused.Length != c) throw new ArgumentException($"{profiles.Count} profiles and {fused.Length} fused scores for {c} occupations");
        k = Math.Min(k, c);
        int offset = query * c;
        var kinds = new[]
        {
            evidence.Semantic.AsSpan(offset, c).ToArray(), evidence.Description.AsSpan(offset, c).ToArray(),
            evidence.Lexical.AsSpan(offset, c).ToArray(), evidence.Classifier.AsSpan(offset, c).ToArray(),
        };
        var tuned = evidence.Tuned?.AsSpan(offset, c).ToArray();
        var vote = evidence.Vote?.AsSpan(offset, c).ToArray();
        var voteRanks = vote is null ? null : Ranks(Order(vote));
        float voteBest = vote is null ? 0 : vote.Max();
        var tunedRanks = tuned is null ? null : Ranks(Order(tuned));
        float tunedBest = tuned is null ? 0 : tuned.Max();
        var fusedOrder = Order(fused.ToArray());
        var candidates = fusedOrder.AsSpan(0, k).ToArray();
        var ranks = kinds.Select(s => Ranks(Order(s))).ToArray();
        var best = kinds.Select(s => s.Max()).ToArray();
        var firsts = kinds.Select(s => Array.IndexOf(s, s.Max())).ToArray();
        var probability = kinds[3];
        var groupMass = new float[profiles.GroupCount];
        for (int o = 0; o < c; o++)
            for (int level = 0; level < 3; level++)
                if (profiles.Group(o, level) is >= 0 and var g) groupMass[g] += probability[o];
        var words = OccupationProfiles.Words(title).Distinct().ToArray();
        var head = OccupationProfiles.Head(title);
        var tail = OccupationProfiles.Tail(title);
        var features = new float[k * Count];
        float bestFused = fused[fusedOrder[0]];
        for (int j = 0; j < k; j++)
        {
            int o = candidates[j];
            var f = features.AsSpan(j * Count, Count);
            int i = 0;
            f[i++] = fused[o];
            f[i++] = fused[o] - bestFused;
            f[i++] = MathF.Log(1 + j);
            for (int kind = 0; kind < 4; kind++)
            {
                f[i++] = kinds[kind][o];
                f[i++] = kinds[kind][o] - best[kind];
                f[i++] = MathF.Log(1 + ranks[kind][o]);
            }
            f[i++] = MathF.Log(probability[o] + 1e-6f);
            int titles = profiles.TitleCount(o);
            f[i++] = MathF.Log(1 + titles);
            int headCount = head is null ? 0 : profiles.HeadCount(o, head);
            f[i++] = head is not null && head == profiles.NameHead(o) ? 1 : 0;
            f[i++] = head is not null && profiles.NameHasWord(o, head) ? 1 : 0;
            f[i++] = (float)headCount / titles;
            f[i++] = MathF.Log(1 + headCount);
            float inName = 0, inTitles = 0, share = 0;
            foreach (var w in words)
            {
                if (profiles.NameHasWord(o, w)) inName++;
                int n = profiles.WordCount(o, w);
                if (n > 0) inTitles++;
                share += (float)n / titles;
            }
            int wordCount = Math.Max(1, words.Length);
            f[i++] = inName / wordCount;
            f[i++] = inTitles / wordCount;
            f[i++] = share / wordCount;
            for (int level = 2; level >= 0; level--) f[i++] = profiles.Group(o, level) is >= 0 and var g ? groupMass[g] : 0;
            int sameMinor = 0, same = 0;
            foreach (var first in firsts)
            {
                if (first == o) same++;
                if (profiles.Group(o, 1) >= 0 && profiles.Group(first, 1) == profiles.Group(o, 1)) sameMinor++;
            }
            f[i++] = sameMinor / 4f;
            f[i++] = same / 4f;
            f[i++] = MathF.Log(1 + words.Length);
            f[i++] = head is not null && head == profiles.TopHead(o) ? 1 : 0;
            f[i++] = head is null ? 0 : profiles.HeadShare(o, head);
            f[i++] = tail is null ? 0 : profiles.TailShare(o, tail);
            f[i++] = tail is null ? 0 : MathF.Log(1 + profiles.TailCount(o, tail));
            float wordShare = 0, maxShare = 0;
            foreach (var w in words)
            {
                float ws = profiles.WordShare(o, w);
                wordShare += ws;
                maxShare = Math.Max(maxShare, ws);
            }
            f[i++] = wordShare / wordCount;
            f[i++] = maxShare;
            f[i++] = evidence.SemanticVotes is { } sv ? sv[offset + o] : 0;
            f[i++] = evidence.LexicalVotes is { } lv ? lv[offset + o] : 0;
            f[i++] = vote is null ? 0 : vote[o];
            f[i++] = vote is null ? 0 : vote[o] - voteBest;
            f[i++] = vote is null ? 0 : MathF.Log(1 + voteRanks![o]);
            f[i++] = tuned is null ? 0 : tuned[o];
            f[i++] = tuned is null ? 0 : tuned[o] - tunedBest;
            f[i++] = tuned is null ? 0 : MathF.Log(1 + tunedRanks![o]);
            if (i != Count) throw new InvalidOperationException($"feature count {i} != {Count}");
        }
        return new RerankList(candidates, features, relevant < 0 ? -1 : Array.IndexOf(candidates, relevant));
    }

    /// <summary>Columns by descending value (ties in a fixed order).</summary>
    private static int[] Order(float[] values)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        var keys = values.Select(v => -v).ToArray();
        Array.Sort(keys, order);
        return order;
    }

    private static int[] Ranks(int[] order)
    {
        var ranks = new int[order.Length];
        for (int r = 0; r < order.Length; r++) ranks[order[r]] = r;
        return ranks;
    }
}
