using System.Numerics.Tensors;
using JobRec.ML.Numerics;

namespace JobRec.ML.Text.FineTuning;

/// <summary>Trains a <see cref="ProjectionHead"/> with the symmetric InfoNCE loss and in-batch negatives on (anchor, positive) embedding pairs.</summary>
/// <remarks>Pairs sharing a group (e.g. two alternate titles of one occupation) are not used as each other's negatives.</remarks>
public static class ContrastiveTrainer
{
    /// <summary>Trains from the identity; row i of <paramref name="anchors"/> and <paramref name="positives"/> (n x dim) form pair i.</summary>
    /// <param name="anchors">Anchor embeddings, n x dimension.</param>
    /// <param name="positives">Positive embeddings, n x dimension.</param>
    /// <param name="dimension">Embedding length.</param>
    /// <param name="groups">Optional group id per pair; same-group off-diagonal entries are masked out of the softmax.</param>
    /// <param name="options">Training settings.</param>
    /// <param name="progress">Receives (epoch, mean loss) after each epoch.</param>
    /// <param name="backend">Where the matrix products run (default: CPU).</param>
    /// <exception cref="ArgumentException">Inconsistent lengths.</exception>
    public static ProjectionHead Train(float[] anchors, float[] positives, int dimension, int[]? groups = null,
        ContrastiveOptions? options = null, Action<int, double>? progress = null, IComputeBackend? backend = null)
    {
        options ??= new ContrastiveOptions();
        backend ??= CpuComputeBackend.Instance;
        if (anchors.Length != positives.Length || anchors.Length % dimension != 0)
            throw new ArgumentException($"anchors ({anchors.Length}) and positives ({positives.Length}) must both be n x {dimension}");
        int n = anchors.Length / dimension, d = dimension;
        if (groups is not null && groups.Length != n) throw new ArgumentException($"groups has {groups.Length} entries, expected {n}", nameof(groups));
        var head = new ProjectionHead(d);
        var adam = new AdamOptimizer(d * d, options.LearningRate);
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(options.Seed);
        int b = Math.Min(options.BatchSize, n);
        var x = new float[b * d]; var y = new float[b * d];
        var u = new float[b * d]; var v = new float[b * d];
        var s = new float[b * b]; var sc = new float[b * b]; var ds = new float[b * b];
        var da = new float[b * d]; var dp = new float[b * d];
        var grad = new float[d * d];
        var unorm = new float[b]; var vnorm = new float[b];
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double lossSum = 0; int batches = 0;
            for (int start = 0; start + b <= n; start += b)
            {
                for (int i = 0; i < b; i++)
                {
                    anchors.AsSpan(order[start + i] * d, d).CopyTo(x.AsSpan(i * d, d));
                    positives.AsSpan(order[start + i] * d, d).CopyTo(y.AsSpan(i * d, d));
                }
                // Forward: normalised projections and scaled similarities.
                backend.MatMul(false, false, b, d, d, 1f, x, head.Weights, 0f, u);
                backend.MatMul(false, false, b, d, d, 1f, y, head.Weights, 0f, v);
                SymmetricInfoNce.NormalizeRows(u, unorm, d);
                SymmetricInfoNce.NormalizeRows(v, vnorm, d);
                backend.MatMul(false, true, b, b, d, 1f / options.Temperature, u, v, 0f, s);
                if (groups is not null)
                    for (int i = 0; i < b; i++)
                        for (int j = 0; j < b; j++)
                            if (i != j && groups[order[start + i]] == groups[order[start + j]]) s[i * b + j] = float.NegativeInfinity;
                // Row softmax (anchor -> positives) and column softmax (positive -> anchors).
                lossSum += SymmetricInfoNce.Loss(s, sc, b, options.Temperature, ds);
                batches++;
                // dA = dS P, dP = dS^T A (temperature folded into scale).
                backend.MatMul(false, false, b, d, b, 1f, ds, v, 0f, da);
                backend.MatMul(true, false, b, d, b, 1f, ds, u, 0f, dp);
                SymmetricInfoNce.BackThroughNormalize(u, da, unorm, d);
                SymmetricInfoNce.BackThroughNormalize(v, dp, vnorm, d);
                backend.MatMul(true, false, d, d, b, 1f, x, da, 0f, grad);
                backend.MatMul(true, false, d, d, b, 1f, y, dp, 1f, grad);
                adam.Step(head.Weights, grad);
            }
            progress?.Invoke(epoch, batches == 0 ? 0 : lossSum / batches);
        }
        return head;
    }

    /// <summary>Mean InfoNCE-style retrieval quality of anchors against all distinct positives: recall@1, recall@10 and MRR.</summary>
    public static (double Recall1, double Recall10, double Mrr) Evaluate(float[] anchors, float[] positives, int[] positiveOf, int dimension)
    {
        int n = positiveOf.Length, m = positives.Length / dimension;
        var scores = new float[m];
        double r1 = 0, r10 = 0, mrr = 0;
        for (int i = 0; i < n; i++)
        {
            var a = anchors.AsSpan(i * dimension, dimension);
            for (int j = 0; j < m; j++) scores[j] = TensorPrimitives.Dot(a, positives.AsSpan(j * dimension, dimension));
            float target = scores[positiveOf[i]];
            int rank = 1;
            for (int j = 0; j < m; j++) if (j != positiveOf[i] && scores[j] > target) rank++;
            if (rank == 1) r1++;
            if (rank <= 10) r10++;
            mrr += 1.0 / rank;
        }
        return (r1 / n, r10 / n, mrr / n);
    }
}
