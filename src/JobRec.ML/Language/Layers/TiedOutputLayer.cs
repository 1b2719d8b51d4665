using JobRec.ML.Numerics;

namespace JobRec.ML.Language.Layers;

/// <summary>Output logits through the transposed token embedding: logits = x wte^T.</summary>
public static class TiedOutputLayer
{
    /// <summary>Computes logits ([N, V]) from x ([N, D]).</summary>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> wte, Span<float> logits, int rows, int dim, int vocab) =>
        Blas.Sgemm(false, true, rows, vocab, dim, 1f, x, wte, 0f, logits);

    /// <summary>Adds dL/dx and dL/dwte given dL/dlogits.</summary>
    public static void Backward(ReadOnlySpan<float> dLogits, ReadOnlySpan<float> x, ReadOnlySpan<float> wte, Span<float> dx, Span<float> dWte, int rows, int dim, int vocab)
    {
        Blas.Sgemm(false, false, rows, dim, vocab, 1f, dLogits, wte, 1f, dx);
        Blas.Sgemm(true, false, vocab, dim, rows, 1f, dLogits, x, 1f, dWte);
    }
}
