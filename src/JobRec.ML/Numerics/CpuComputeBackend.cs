namespace JobRec.ML.Numerics;

/// <summary>Compute backend on the CPU: matrix products through OpenBLAS <c>cblas_sgemm</c>.</summary>
public sealed class CpuComputeBackend : IComputeBackend
{
    /// <summary>The process-wide CPU backend.</summary>
    public static CpuComputeBackend Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "cpu-openblas";

    /// <inheritdoc />
    public void MatMul(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
        => Blas.Sgemm(transA, transB, m, n, k, alpha, a, b, beta, c);

    /// <inheritdoc />
    public void MatMul(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => Blas.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
