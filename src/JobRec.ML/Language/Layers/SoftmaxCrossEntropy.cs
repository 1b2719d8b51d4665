using System.Numerics.Tensors;

namespace JobRec.ML.Language.Layers;

/// <summary>Mean next-token cross-entropy over the rows whose target is not negative (negative = ignored).</summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>Replaces each row of <paramref name="logits"/> ([N, V]) by its softmax probabilities and returns the mean loss and the number of counted rows.</summary>
    public static (float Loss, int Count) Forward(Span<float> logits, ReadOnlySpan<int> targets, int vocab)
    {
        double total = 0;
        int count = 0;
        for (int n = 0; n < targets.Length; n++)
        {
            var row = logits.Slice(n * vocab, vocab);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, row);
            TensorPrimitives.Exp(row, row);
            float sum = TensorPrimitives.Sum(row);
            TensorPrimitives.Divide(row, sum, row);
            int target = targets[n];
            if (target < 0) continue;
            if (target >= vocab) throw new ArgumentOutOfRangeException(nameof(targets), target, $"target at position {n} is outside the vocabulary of {vocab}");
            total -= Math.Log(Math.Max(row[target], 1e-30f));
            count++;
        }
        return (count == 0 ? 0f : (float)(total / count), count);
    }

    /// <summary>Turns the probabilities left by <see cref="Forward"/> into dLoss/dlogits in place (rows with a negative target get zero).</summary>
    public static void Backward(Span<float> probabilities, ReadOnlySpan<int> targets, int vocab, int count)
    {
        float scale = count == 0 ? 0f : 1f / count;
        for (int n = 0; n < targets.Length; n++)
        {
            var row = probabilities.Slice(n * vocab, vocab);
            int target = targets[n];
            if (target < 0) { row.Clear(); continue; }
            row[target] -= 1f;
            TensorPrimitives.Multiply(row, scale, row);
        }
    }
}
