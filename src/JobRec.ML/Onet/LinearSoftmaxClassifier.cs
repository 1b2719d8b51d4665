using JobRec.ML.Numerics;

namespace JobRec.ML.Onet;

/// <summary>Multinomial logistic regression on dense vectors (logits = x W + b), trained with Adam on mini-batches of cross-entropy.</summary>
public sealed class LinearSoftmaxClassifier
{
    private readonly float[] _weights, _bias;
    private readonly IComputeBackend _backend;

    private LinearSoftmaxClassifier(int dimension, int classes, IComputeBackend backend)
    {
        (Dimension, Classes, _backend) = (dimension, classes, backend);
        _weights = new float[dimension * classes];
        _bias = new float[classes];
    }

    /// <summary>Input vector length.</summary>
    public int Dimension { get; }

    /// <summary>Number of classes (labels are 0..Classes-1).</summary>
    public int Classes { get; }

    /// <summary>Trains on rows of <paramref name="features"/> (n x dimension) with labels in 0..classes-1.</summary>
    /// <exception cref="ArgumentException">Lengths disagree or a label is out of range (the message gives the row).</exception>
    public static LinearSoftmaxClassifier Train(float[] features, int[] labels, int dimension, int classes,
        int epochs = 20, int batchSize = 256, float learningRate = 2e-3f, float weightDecay = 1e-4f, int seed = 11,
        Action<int, double>? progress = null, IComputeBackend? backend = null)
    {
        if (features.Length != labels.Length * dimension) throw new ArgumentException($"features has {features.Length} values, expected {labels.Length} x {dimension}");
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentException($"label {labels[i]} of row {i} is outside 0..{classes - 1}", nameof(labels));
        var model = new LinearSoftmaxClassifier(dimension, classes, backend ?? CpuComputeBackend.Instance);
        var adamW = new AdamOptimizer(model._weights.Length, learningRate, weightDecay: weightDecay);
        var adamB = new AdamOptimizer(classes, learningRate);
        int n = labels.Length, d = dimension;
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        var x = new float[batchSize * d];
        var logits = new float[batchSize * classes];
        var gradW = new float[model._weights.Length];
        var gradB = new float[classes];
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            random.Shuffle(order);
            double loss = 0;
            for (int start = 0; start < n; start += batchSize)
            {
                int b = Math.Min(batchSize, n - start);
                for (int i = 0; i < b; i++) features.AsSpan(order[start + i] * d, d).CopyTo(x.AsSpan(i * d, d));
                var batchLogits = logits.AsSpan(0, b * classes);
                model.Logits(x.AsSpan(0, b * d), batchLogits);
                Softmax.RowsInPlace(batchLogits, classes);
                Array.Clear(gradB);
                for (int i = 0; i < b; i++)
                {
                    int label = labels[order[start + i]];
                    loss -= Math.Log(Math.Max(batchLogits[i * classes + label], 1e-12f));
                    batchLogits[i * classes + label] -= 1f;
                }
                float inv = 1f / b;
                for (int i = 0; i < b * classes; i++) batchLogits[i] *= inv;
                for (int i = 0; i < b; i++)
                    for (int c = 0; c < classes; c++) gradB[c] += batchLogits[i * classes + c];
                model._backend.MatMul(true, false, d, classes, b, 1f, x.AsSpan(0, b * d), batchLogits, 0f, gradW);
                adamW.Step(model._weights, gradW);
                adamB.Step(model._bias, gradB);
            }
            progress?.Invoke(epoch, loss / n);
        }
        return model;
    }

    /// <summary>Class probabilities for each row of <paramref name="features"/> (rows x Classes).</summary>
    public float[] PredictProbabilities(ReadOnlySpan<float> features)
    {
        int rows = features.Length / Dimension;
        var output = new float[rows * Classes];
        Logits(features, output);
        Softmax.RowsInPlace(output, Classes);
        return output;
    }

    private void Logits(ReadOnlySpan<float> x, Span<float> output)
    {
        int rows = x.Length / Dimension;
        _backend.MatMul(false, false, rows, Classes, Dimension, 1f, x, _weights, 0f, output);
        MatrixRows.AddBias(output, _bias);
    }
}
