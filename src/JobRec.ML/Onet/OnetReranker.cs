namespace JobRec.ML.Onet;

/// <summary>Re-orders a query's fused candidate occupations (<see cref="RerankList"/>) by a learned score: a linear function of the standardised
/// features plus a small tanh layer, trained with a listwise softmax cross-entropy (the right candidate against the others of its list) by Adam.</summary>
public sealed class OnetReranker
{
    private readonly int _features, _hidden;
    private readonly float[] _mean, _scale;
    private readonly float[] _linear;   // features
    private readonly float[] _inner;    // hidden x features
    private readonly float[] _innerBias;
    private readonly float[] _outer;    // hidden

    private OnetReranker(int features, int hidden, float[] mean, float[] scale, int seed)
    {
        (_features, _hidden, _mean, _scale) = (features, hidden, mean, scale);
        _linear = new float[features];
        _inner = new float[hidden * features];
        _innerBias = new float[hidden];
        _outer = new float[hidden];
        var random = new Random(seed);
        float bound = 1f / MathF.Sqrt(features);
        for (int i = 0; i < _inner.Length; i++) _inner[i] = (float)(random.NextDouble() * 2 - 1) * bound;
        for (int h = 0; h < hidden; h++) _outer[h] = (float)(random.NextDouble() * 2 - 1) * 0.1f;
    }

    private OnetReranker(int features, int hidden, float[] mean, float[] scale, float[] linear, float[] inner, float[] innerBias, float[] outer)
    {
        (_features, _hidden, _mean, _scale, _linear, _inner, _innerBias, _outer) = (features, hidden, mean, scale, linear, inner, innerBias, outer);
    }

    /// <summary>Features per candidate the model reads.</summary>
    public int Features => _features;

    /// <summary>Trains on lists whose relevant candidate is known (lists with <see cref="RerankList.Relevant"/> -1 are skipped).</summary>
    /// <exception cref="ArgumentException">No list has a relevant candidate, or lists disagree on the feature count.</exception>
    public static OnetReranker Train(IReadOnlyList<RerankList> lists, int features, RerankerOptions? options = null, Action<int, double>? progress = null)
    {
        options ??= new RerankerOptions();
        var usable = lists.Where(l => l.Relevant >= 0).ToArray();
        if (usable.Length == 0) throw new ArgumentException("no list has its relevant candidate among the candidates", nameof(lists));
        foreach (var l in usable)
            if (l.Features.Length != l.Candidates.Length * features)
                throw new ArgumentException($"a list has {l.Features.Length} feature values for {l.Candidates.Length} candidates x {features}", nameof(lists));
        var (mean, scale) = Standardisation(usable, features);
        var model = new OnetReranker(features, options.Hidden, mean, scale, options.Seed);
        var parameters = new[] { model._linear, model._inner, model._innerBias, model._outer };
        var gradients = parameters.Select(p => new float[p.Length]).ToArray();
        var m1 = parameters.Select(p => new float[p.Length]).ToArray();
        var m2 = parameters.Select(p => new float[p.Length]).ToArray();
        var decays = new[] { true, true, false, true };
        var order = Enumerable.Range(0, usable.Length).ToArray();
        var random = new Random(options.Seed);
        int step = 0;
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double loss = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                int b = Math.Min(options.BatchSize, order.Length - start);
                foreach (var g in gradients) Array.Clear(g);
                for (int i = 0; i < b; i++) loss += model.Accumulate(usable[order[start + i]], gradients, 1f / b);
                step++;
                float c1 = 1 - MathF.Pow(beta1, step), c2 = 1 - MathF.Pow(beta2, step);
                for (int p = 0; p < parameters.Length; p++)
                {
                    var w = parameters[p];
                    var g = gradients[p];
                    for (int j = 0; j < w.Length; j++)
                    {
                        float gj = g[j] + (decays[p] ? options.L2 * w[j] : 0);
                        m1[p][j] = beta1 * m1[p][j] + (1 - beta1) * gj;
                        m2[p][j] = beta2 * m2[p][j] + (1 - beta2) * gj * gj;
                        w[j] -= options.LearningRate * (m1[p][j] / c1) / (MathF.Sqrt(m2[p][j] / c2) + epsilon);
                    }
                }
            }
            progress?.Invoke(epoch, loss / usable.Length);
        }
        return model;
    }

    /// <summary>Scores of the list's candidates (higher is better).</summary>
    /// <exception cref="ArgumentException">The list does not have <see cref="Features"/> values per candidate.</exception>
    public float[] Score(RerankList list)
    {
        if (list.Features.Length != list.Candidates.Length * _features)
            throw new ArgumentException($"{list.Features.Length} feature values for {list.Candidates.Length} candidates x {_features}", nameof(list));
        var scores = new float[list.Candidates.Length];
        var z = new float[_features];
        var a = new float[_hidden];
        for (int j = 0; j < scores.Length; j++) scores[j] = Forward(list.Features.AsSpan(j * _features, _features), z, a);
        return scores;
    }

    /// <summary>The list's candidates re-ordered by <see cref="Score"/>, best first (ties keep the fused order), with their scores.</summary>
    public (int[] Candidates, float[] Scores) Rerank(RerankList list)
    {
        var scores = Score(list);
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(j => scores[j]).ThenBy(j => j).ToArray();
        return (order.Select(j => list.Candidates[j]).ToArray(), order.Select(j => scores[j]).ToArray());
    }

    /// <summary>Writes the trained reranker (<see cref="OnetModelFile"/>).</summary>
    internal void WriteTo(OnetModelWriter writer)
    {
        writer.Int32(_features);
        writer.Int32(_hidden);
        foreach (var values in new[] { _mean, _scale, _linear, _inner, _innerBias, _outer }) writer.Floats(values);
    }

    /// <summary>Reads a reranker written by <see cref="WriteTo"/>; it must read <paramref name="features"/> features per candidate.</summary>
    /// <exception cref="InvalidDataException">The feature count or a size is not the expected one.</exception>
    internal static OnetReranker ReadFrom(OnetModelReader reader, int features)
    {
        int stored = reader.Int32("reranker feature count");
        if (stored != features) throw reader.Error($"the reranker reads {stored} features per candidate, this build computes {features}; train the model again");
        int hidden = reader.Int32("reranker hidden units", 0, 1 << 16);
        var mean = reader.Floats("reranker feature means", features);
        var scale = reader.Floats("reranker feature scales", features);
        var linear = reader.Floats("reranker linear weights", features);
        var inner = reader.Floats("reranker hidden weights", (long)hidden * features);
        var innerBias = reader.Floats("reranker hidden bias", hidden);
        var outer = reader.Floats("reranker output weights", hidden);
        return new OnetReranker(features, hidden, mean, scale, linear, inner, innerBias, outer);
    }

    private float Forward(ReadOnlySpan<float> x, float[] z, float[] a)
    {
        float s = 0;
        for (int f = 0; f < _features; f++)
        {
            z[f] = (x[f] - _mean[f]) * _scale[f];
            s += _linear[f] * z[f];
        }
        for (int h = 0; h < _hidden; h++)
        {
            var row = _inner.AsSpan(h * _features, _features);
            float u = _innerBias[h];
            for (int f = 0; f < _features; f++) u += row[f] * z[f];
            a[h] = MathF.Tanh(u);
            s += _outer[h] * a[h];
        }
        return s;
    }

    /// <summary>Adds weight x the gradient of the list's softmax cross-entropy to <paramref name="gradients"/>; returns the loss.</summary>
    private double Accumulate(RerankList list, float[][] gradients, float weight)
    {
        int n = list.Candidates.Length;
        var z = new float[n * _features];
        var a = new float[n * _hidden];
        var s = new float[n];
        var zb = new float[_features];
        var ab = new float[_hidden];
        for (int j = 0; j < n; j++)
        {
            s[j] = Forward(list.Features.AsSpan(j * _features, _features), zb, ab);
            zb.CopyTo(z, j * _features);
            ab.CopyTo(a, j * _hidden);
        }
        float max = s.Max();
        double sum = 0;
        for (int j = 0; j < n; j++) sum += Math.Exp(s[j] - max);
        double loss = Math.Log(sum) + max - s[list.Relevant];
        var (gLinear, gInner, gBias, gOuter) = (gradients[0], gradients[1], gradients[2], gradients[3]);
        for (int j = 0; j < n; j++)
        {
            float g = weight * ((float)(Math.Exp(s[j] - max) / sum) - (j == list.Relevant ? 1f : 0f));
            if (g == 0) continue;
            var zj = z.AsSpan(j * _features, _features);
            for (int f = 0; f < _features; f++) gLinear[f] += g * zj[f];
            for (int h = 0; h < _hidden; h++)
            {
                float ah = a[j * _hidden + h];
                gOuter[h] += g * ah;
                float du = g * _outer[h] * (1 - ah * ah);
                gBias[h] += du;
                var row = gInner.AsSpan(h * _features, _features);
                for (int f = 0; f < _features; f++) row[f] += du * zj[f];
            }
        }
        return loss;
    }

    private static (float[] Mean, float[] Scale) Standardisation(RerankList[] lists, int features)
    {
        var mean = new double[features];
        var square = new double[features];
        long rows = 0;
        foreach (var l in lists)
            for (int j = 0; j < l.Candidates.Length; j++, rows++)
                for (int f = 0; f < features; f++)
                {
                    double v = l.Features[j * features + f];
                    mean[f] += v;
                    square[f] += v * v;
                }
        var m = new float[features];
        var scale = new float[features];
        for (int f = 0; f < features; f++)
        {
            double mu = mean[f] / rows, variance = Math.Max(0, square[f] / rows - mu * mu);
            m[f] = (float)mu;
            scale[f] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 0f;
        }
        return (m, scale);
    }
}
