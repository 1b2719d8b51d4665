using JobRec.ML.Numerics;

namespace JobRec.ML.Onet;

/// <summary>Multinomial logistic regression over a title's sparse word/bigram features together with its dense sentence embedding:
/// logits = x_sparse V + x_dense W + b, trained with Adam (dense part) and AdaGrad on the touched sparse rows.</summary>
public sealed class LexicalSemanticClassifier
{
    private readonly TitleFeatures _features;
    private readonly float[] _sparse;  // features x classes
    private readonly float[] _dense;   // dimension x classes
    private readonly float[] _bias;

    private LexicalSemanticClassifier(TitleFeatures features, int dimension, int classes)
    {
        (_features, Dimension, Classes) = (features, dimension, classes);
        _sparse = new float[features.Count * classes];
        _dense = new float[dimension * classes];
        _bias = new float[classes];
    }

    /// <summary>Length of the dense input.</summary>
    public int Dimension { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Trains on titles, their embeddings (n x dimension) and labels (0..classes-1).</summary>
    /// <exception cref="ArgumentException">Lengths disagree or a label is out of range (the message gives the row).</exception>
    public static LexicalSemanticClassifier Train(IReadOnlyList<string> titles, float[] embeddings, int[] labels, int dimension, int classes,
        int epochs = 12, int batchSize = 128, float learningRate = 1e-2f, float sparseLearningRate = 0.5f, int seed = 5,
        Action<int, double>? progress = null)
    {
        int n = titles.Count, d = dimension, c = classes;
        if (labels.Length != n || embeddings.Length != n * d) throw new ArgumentException($"{n} titles, {labels.Length} labels and {embeddings.Length} embedding values (expected {n * d})");
        for (int i = 0; i < n; i++)
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentException($"label {labels[i]} of row {i} is outside 0..{classes - 1}", nameof(labels));
        var model = new LexicalSemanticClassifier(new TitleFeatures(titles), d, c);
        var extracted = titles.Select(model._features.Extract).ToArray();
        var adamW = new AdamOptimizer(model._dense.Length, learningRate, weightDecay: 1e-4f);
        var adamB = new AdamOptimizer(c, learningRate);
        var accumulator = new float[model._sparse.Length];
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        var x = new float[batchSize * d];
        var g = new float[batchSize * c];
        var gradW = new float[model._dense.Length];
        var gradB = new float[c];
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            random.Shuffle(order);
            double loss = 0;
            for (int start = 0; start < n; start += batchSize)
            {
                int b = Math.Min(batchSize, n - start);
                var rows = order.AsSpan(start, b).ToArray();
                for (int i = 0; i < b; i++) embeddings.AsSpan(rows[i] * d, d).CopyTo(x.AsSpan(i * d, d));
                var logits = g.AsSpan(0, b * c);
                model.Logits(x.AsSpan(0, b * d), rows.Select(r => extracted[r]).ToArray(), logits);
                Softmax.RowsInPlace(logits, c);
                for (int i = 0; i < b; i++)
                {
                    loss -= Math.Log(Math.Max(logits[i * c + labels[rows[i]]], 1e-12f));
                    logits[i * c + labels[rows[i]]] -= 1f;
                }
                float inv = 1f / b;
                for (int i = 0; i < logits.Length; i++) logits[i] *= inv;
                Array.Clear(gradB);
                for (int i = 0; i < b; i++) for (int k = 0; k < c; k++) gradB[k] += logits[i * c + k];
                Blas.Sgemm(true, false, d, c, b, 1f, x.AsSpan(0, b * d), logits, 0f, gradW);
                adamW.Step(model._dense, gradW);
                adamB.Step(model._bias, gradB);
                // AdaGrad on the sparse rows this batch touched (per-example gradients applied directly).
                for (int i = 0; i < b; i++)
                {
                    var (ids, weight) = extracted[rows[i]];
                    var gi = logits.Slice(i * c, c);
                    foreach (var f in ids)
                    {
                        var w = model._sparse.AsSpan(f * c, c);
                        var acc = accumulator.AsSpan(f * c, c);
                        for (int k = 0; k < c; k++)
                        {
                            float grad = gi[k] * weight * b; // undo the batch mean: sparse rows are rarely shared across a batch
                            acc[k] += grad * grad;
                            w[k] -= sparseLearningRate * grad / (MathF.Sqrt(acc[k]) + 1e-6f);
                        }
                    }
                }
            }
            progress?.Invoke(epoch, loss / n);
        }
        return model;
    }

    /// <summary>Class probabilities (rows x Classes) for titles and their embeddings.</summary>
    public float[] PredictProbabilities(IReadOnlyList<string> titles, ReadOnlySpan<float> embeddings)
    {
        var output = new float[titles.Count * Classes];
        Logits(embeddings, titles.Select(_features.Extract).ToArray(), output);
        Softmax.RowsInPlace(output, Classes);
        return output;
    }

    private void Logits(ReadOnlySpan<float> x, (int[] Ids, float Weight)[] sparse, Span<float> output)
    {
        int rows = sparse.Length, c = Classes;
        Blas.Sgemm(false, false, rows, c, Dimension, 1f, x, _dense, 0f, output);
        MatrixRows.AddBias(output, _bias);
        for (int i = 0; i < rows; i++)
        {
            var row = output.Slice(i * c, c);
            foreach (var f in sparse[i].Ids)
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(_sparse.AsSpan(f * c, c), sparse[i].Weight, row, row);
        }
    }
}
