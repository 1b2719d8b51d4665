using System.Numerics.Tensors;
using JobRec.ML.Language.Training;
using JobRec.ML.Numerics;
using JobRec.ML.Text.FineTuning;
using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Onet.EncoderTuning;

/// <summary>Contrastive fine-tuning of a <see cref="BertLayerStack"/> (an encoder's top layers) on text pairs: the frozen token states entering the
/// stack are given once per text; each step runs the stack over a batch's anchors and positives, mean-pools each text's tokens and L2-normalises
/// (the sentence encoder's own pooling), scores the symmetric InfoNCE loss with in-batch negatives (pairs of one group, or sharing a positive, are
/// masked out of each other's softmax), back-propagates it into the stack and takes an AdamW step (decay on weight matrices only; warm-up, cosine decay, global-norm clipping).</summary>
public static class LayerContrastiveTrainer
{
    /// <summary>Trains <paramref name="stack"/> in place.</summary>
    /// <param name="stack">The layers to train.</param>
    /// <param name="states">Per text: its frozen token states entering the stack, tokens × <see cref="BertLayerStack.Dim"/>, row-major.</param>
    /// <param name="sample">Draws one epoch of (anchor text, positive text, group) triples from the given random source.</param>
    /// <param name="options">Training settings.</param>
    /// <param name="afterEpoch">Called after each epoch with its number (1-based) and mean loss; epoch 0 is not trained.</param>
    /// <returns>The mean loss of each epoch.</returns>
    /// <exception cref="ArgumentException">A text has no states or a length that is not a multiple of the stack's dimension.</exception>
    public static IReadOnlyList<double> Train(BertLayerStack stack, IReadOnlyList<float[]> states, Func<Random, (int[] Anchor, int[] Positive, int[] Group)> sample,
        EncoderTuningOptions options, Action<int, double>? afterEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int d = stack.Dim;
        for (int i = 0; i < states.Count; i++)
            if (states[i] is not { Length: > 0 } s || s.Length % d != 0)
                throw new ArgumentException($"text {i} has {states[i]?.Length ?? 0} state values, not a positive multiple of {d}", nameof(states));
        var random = new Random(options.Seed);
        var losses = new List<double>();
        var firstEpoch = sample(random);
        int stepsPerEpoch = Math.Max(1, firstEpoch.Anchor.Length / Math.Min(options.BatchSize, firstEpoch.Anchor.Length));
        var schedule = new LearningRateSchedule(options.LearningRate, Math.Max(1, (int)(options.WarmupFraction * stepsPerEpoch * options.Epochs)),
            stepsPerEpoch * options.Epochs, FloorFraction: 0.1f);
        var optimizer = new AdamWOptimizer(stack.Segments, stack.Parameters.Length, beta2: 0.999f, weightDecay: options.WeightDecay);
        int step = 0;
        BertStackPass? pass = null;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var (anchor, positive, group) = epoch == 1 ? firstEpoch : sample(random);
            int b = Math.Min(options.BatchSize, anchor.Length);
            double lossSum = 0;
            int batches = 0;
            for (int start = 0; start + b <= anchor.Length; start += b)
            {
                stack.ZeroGradients();
                double loss = Step(stack, states, anchor.AsSpan(start, b), positive.AsSpan(start, b), group.AsSpan(start, b), options.Temperature, ref pass);
                GradientClipping.ClipByGlobalNorm(stack.Gradients, options.ClipNorm);
                optimizer.Update(stack.Parameters, stack.Gradients, schedule.RateAt(step++));
                lossSum += loss;
                batches++;
            }
            double mean = batches == 0 ? 0 : lossSum / batches;
            losses.Add(mean);
            afterEpoch?.Invoke(epoch, mean);
        }
        return losses;
    }

    /// <summary>The mean symmetric InfoNCE loss of one batch under the stack's current weights, without changing anything but its gradients
    /// (which are accumulated; zero them first to read them).</summary>
    public static double Step(BertLayerStack stack, IReadOnlyList<float[]> states, ReadOnlySpan<int> anchor, ReadOnlySpan<int> positive, ReadOnlySpan<int> group, float temperature)
    {
        BertStackPass? pass = null;
        return Step(stack, states, anchor, positive, group, temperature, ref pass);
    }

    /// <summary><see cref="Step(BertLayerStack, IReadOnlyList{float[]}, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int}, float)"/> reusing
    /// <paramref name="pass"/>'s buffers from one step to the next (null at first).</summary>
    internal static double Step(BertLayerStack stack, IReadOnlyList<float[]> states, ReadOnlySpan<int> anchor, ReadOnlySpan<int> positive, ReadOnlySpan<int> group, float temperature,
        ref BertStackPass? pass)
    {
        int b = anchor.Length, d = stack.Dim;
        var texts = new int[2 * b];
        anchor.CopyTo(texts);
        positive.CopyTo(texts.AsSpan(b));
        var (input, lengths) = PackedRows.Pack(texts.Select(t => states[t]).ToList(), d);
        pass = stack.Forward(input, lengths, pass);
        var pooled = Pool(pass.Output, lengths, d);
        var norms = new float[2 * b];
        SymmetricInfoNce.NormalizeRows(pooled, norms, d);
        var u = pooled.AsSpan(0, b * d).ToArray();
        var v = pooled.AsSpan(b * d, b * d).ToArray();
        var s = new float[b * b];
        Blas.Sgemm(false, true, b, b, d, 1f / temperature, u, v, 0f, s);
        for (int i = 0; i < b; i++)
            for (int j = 0; j < b; j++)
                if (i != j && (group[i] == group[j] || positive[i] == positive[j] || anchor[i] == positive[j])) s[i * b + j] = float.NegativeInfinity;
        var ds = new float[b * b];
        double loss = SymmetricInfoNce.Loss(s, new float[b * b], b, temperature, ds);
        var dPooled = new float[2 * b * d];
        Blas.Sgemm(false, false, b, d, b, 1f, ds, v, 0f, dPooled.AsSpan(0, b * d));
        Blas.Sgemm(true, false, b, d, b, 1f, ds, u, 0f, dPooled.AsSpan(b * d, b * d));
        SymmetricInfoNce.BackThroughNormalize(pooled, dPooled, norms, d);
        var dOutput = new float[input.Length];
        int offset = 0;
        for (int i = 0; i < 2 * b; i++)
        {
            var g = dPooled.AsSpan(i * d, d);
            float inverse = 1f / lengths[i];
            for (int t = 0; t < lengths[i]; t++, offset += d) TensorPrimitives.Multiply(g, inverse, dOutput.AsSpan(offset, d));
        }
        stack.Backward(pass, dOutput);
        return loss;
    }

    /// <summary>Sentence vectors of <paramref name="texts"/> through the stack: mean-pooled, L2-normalised, texts × dimension; batches of about
    /// <paramref name="batchTokens"/> tokens.</summary>
    public static float[] Embed(BertLayerStack stack, IReadOnlyList<float[]> states, IReadOnlyList<int> texts, int batchTokens = 4096)
    {
        ArgumentNullException.ThrowIfNull(stack);
        int d = stack.Dim;
        var result = new float[texts.Count * d];
        BertStackPass? pass = null;
        for (int start = 0; start < texts.Count;)
        {
            int end = start, tokens = 0;
            while (end < texts.Count && (end == start || tokens + states[texts[end]].Length / d <= batchTokens)) tokens += states[texts[end++]].Length / d;
            var chunk = new int[end - start];
            for (int i = 0; i < chunk.Length; i++) chunk[i] = texts[start + i];
            var (input, lengths) = PackedRows.Pack(chunk.Select(t => states[t]).ToList(), d);
            pass = stack.Forward(input, lengths, pass, keepForBackward: false);
            var pooled = Pool(pass.Output, lengths, d);
            for (int i = 0; i < chunk.Length; i++)
            {
                var row = pooled.AsSpan(i * d, d);
                float norm = TensorPrimitives.Norm(row);
                if (norm > 0) TensorPrimitives.Multiply(row, 1f / norm, row);
            }
            pooled.CopyTo(result, start * d);
            start = end;
        }
        return result;
    }

    private static float[] Pool(float[] output, int[] lengths, int d)
    {
        var pooled = new float[lengths.Length * d];
        int offset = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            var target = pooled.AsSpan(i * d, d);
            for (int t = 0; t < lengths[i]; t++, offset += d) TensorPrimitives.Add(target, output.AsSpan(offset, d), target);
            TensorPrimitives.Multiply(target, 1f / lengths[i], target);
        }
        return pooled;
    }
}
