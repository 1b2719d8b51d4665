namespace JobRec.ML.Skills;

/// <summary>A linear-chain CRF over the three BIO tags of one layer: a sequence scores the sum of its per-word emission scores, a start score of
/// its first tag and a transition score per adjacent tag pair; training minimises log Z − score(gold) (forward–backward), decoding is Viterbi.</summary>
/// <remarks>Transition parameters per layer: <see cref="ParameterCount"/> values, start[3] then transition[previous × 3 + next].
/// Training sees every sequence (the learned O→I score stands in for the BIO rule); decoding also forbids I at the start and after O, so an
/// output never needs the CoNLL repair of a stray I.</remarks>
public static class BioCrf
{
    /// <summary>Parameters of one layer's CRF: 3 start scores and 3 × 3 transition scores.</summary>
    public const int ParameterCount = BioTags.Count + BioTags.Count * BioTags.Count;

    private const int C = BioTags.Count;

    /// <summary>The gold tags as the CRF learns them: an I at the start or after O becomes B (the same spans, <see cref="BioTags.Spans"/>).</summary>
    public static byte Normalised(ReadOnlySpan<byte> gold, int w) => gold[w] == BioTags.I && (w == 0 || gold[w - 1] == BioTags.O) ? BioTags.B : gold[w];

    /// <summary>Negative log-likelihood of <paramref name="gold"/> (normalised by <see cref="Normalised"/>) for one sentence; adds
    /// <paramref name="scale"/> × its gradient to <paramref name="dEmissions"/> (same indexing as <paramref name="emissions"/>) and
    /// <paramref name="dCrf"/> (same layout as <paramref name="crf"/>).</summary>
    /// <param name="emissions">Emission score of word w, tag t at [w * stride + offset + t].</param>
    /// <param name="stride">Values per word in <paramref name="emissions"/>.</param>
    /// <param name="offset">This layer's first value within a word.</param>
    /// <param name="gold">Gold tags, one per word.</param>
    /// <param name="crf">This layer's <see cref="ParameterCount"/> parameters.</param>
    /// <param name="scale">Factor of the gradient (e.g. 1 / words in the batch).</param>
    /// <param name="dEmissions">Receives the emission gradient (added).</param>
    /// <param name="dCrf">Receives the CRF parameter gradient (added).</param>
    public static double LossAndGradient(ReadOnlySpan<float> emissions, int stride, int offset, ReadOnlySpan<byte> gold, ReadOnlySpan<float> crf, float scale,
        Span<float> dEmissions, Span<float> dCrf)
    {
        int n = gold.Length;
        if (n == 0) return 0;
        var start = crf[..C];
        var transition = crf.Slice(C, C * C);
        var alpha = new double[n * C];
        var beta = new double[n * C];
        Span<double> terms = stackalloc double[C];
        for (int t = 0; t < C; t++) alpha[t] = start[t] + emissions[offset + t];
        for (int w = 1; w < n; w++)
        {
            for (int t = 0; t < C; t++)
            {
                for (int p = 0; p < C; p++) terms[p] = alpha[(w - 1) * C + p] + transition[p * C + t];
                alpha[w * C + t] = LogSumExp(terms) + emissions[w * stride + offset + t];
            }
        }
        for (int w = n - 2; w >= 0; w--)
        {
            for (int p = 0; p < C; p++)
            {
                for (int t = 0; t < C; t++) terms[t] = transition[p * C + t] + emissions[(w + 1) * stride + offset + t] + beta[(w + 1) * C + t];
                beta[w * C + p] = LogSumExp(terms);
            }
        }
        for (int t = 0; t < C; t++) terms[t] = alpha[(n - 1) * C + t];
        double logZ = LogSumExp(terms);
        double goldScore = 0;
        byte previous = 0;
        for (int w = 0; w < n; w++)
        {
            byte y = Normalised(gold, w);
            goldScore += emissions[w * stride + offset + y] + (w == 0 ? start[y] : transition[previous * C + y]);
            for (int t = 0; t < C; t++)
            {
                float marginal = (float)Math.Exp(alpha[w * C + t] + beta[w * C + t] - logZ);
                float g = scale * (marginal - (t == y ? 1f : 0f));
                dEmissions[w * stride + offset + t] += g;
                if (w == 0) dCrf[t] += g;
            }
            if (w > 0)
            {
                dCrf[C + previous * C + y] -= scale;
                for (int p = 0; p < C; p++)
                    for (int t = 0; t < C; t++)
                        dCrf[C + p * C + t] += scale * (float)Math.Exp(alpha[(w - 1) * C + p] + transition[p * C + t] + emissions[w * stride + offset + t] + beta[w * C + t] - logZ);
            }
            previous = y;
        }
        return logZ - goldScore;
    }

    /// <summary>The highest-scoring tag sequence with no I at the start or after O (Viterbi); ties keep the lower tag code.</summary>
    /// <param name="emissions">Emission score of word w, tag t at [w * stride + offset + t].</param>
    /// <param name="words">Words in the sentence.</param>
    /// <param name="stride">Values per word.</param>
    /// <param name="offset">This layer's first value within a word.</param>
    /// <param name="crf">This layer's <see cref="ParameterCount"/> parameters.</param>
    public static byte[] Decode(ReadOnlySpan<float> emissions, int words, int stride, int offset, ReadOnlySpan<float> crf)
    {
        var tags = new byte[words];
        if (words == 0) return tags;
        var start = crf[..C];
        var transition = crf.Slice(C, C * C);
        Span<float> score = stackalloc float[C];
        Span<float> next = stackalloc float[C];
        var back = new byte[words * C];
        for (int t = 0; t < C; t++) score[t] = t == BioTags.I ? float.NegativeInfinity : start[t] + emissions[offset + t];
        for (int w = 1; w < words; w++)
        {
            for (int t = 0; t < C; t++)
            {
                byte best = 0;
                float bestScore = float.NegativeInfinity;
                for (byte p = 0; p < C; p++)
                {
                    if (t == BioTags.I && p == BioTags.O) continue;
                    float s = score[p] + transition[p * C + t];
                    if (s > bestScore) (best, bestScore) = (p, s);
                }
                back[w * C + t] = best;
                next[t] = bestScore + emissions[w * stride + offset + t];
            }
            next.CopyTo(score);
        }
        byte last = 0;
        for (byte t = 1; t < C; t++) if (score[t] > score[last]) last = t;
        for (int w = words - 1; w >= 0; w--)
        {
            tags[w] = last;
            last = back[w * C + last];
        }
        return tags;
    }

    private static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (var v in values) max = Math.Max(max, v);
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }
}
