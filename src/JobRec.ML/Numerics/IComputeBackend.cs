namespace JobRec.ML.Numerics;

/// <summary>Where dense matrix products run; the CPU backend uses OpenBLAS and a GPU backend (cuBLAS) can implement the same contract.</summary>
public interface IComputeBackend
{
    /// <summary>Short name for logs and benchmark output, e.g. "cpu-openblas".</summary>
    string Name { get; }

    /// <summary>C = alpha * op(A) * op(B) + beta * C for row-major A (m x k after op), B (k x n after op) and C (m x n).</summary>
    /// <exception cref="ArgumentException">A span is shorter than its dimensions require.</exception>
    void MatMul(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c);

    /// <summary>Like <see cref="MatMul(bool, bool, int, int, int, float, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Span{float})"/> on strided sub-matrices (lda, ldb, ldc are row strides).</summary>
    /// <exception cref="ArgumentException">A stride is too small or a span is too short.</exception>
    void MatMul(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc);
}
