using System.Numerics.Tensors;

namespace JobRec.ML.Language.Training;

/// <summary>Global-norm gradient clipping.</summary>
public static class GradientClipping
{
    /// <summary>Scales <paramref name="gradients"/> so that their L2 norm is at most <paramref name="maxNorm"/> and returns the norm before clipping.</summary>
    /// <exception cref="ArithmeticException">The gradient holds NaN or infinity (training diverged).</exception>
    public static float ClipByGlobalNorm(Span<float> gradients, float maxNorm)
    {
        float norm = TensorPrimitives.Norm(gradients);
        if (!float.IsFinite(norm)) throw new ArithmeticException("gradient norm is not finite: training diverged (lower the learning rate)");
        if (norm > maxNorm) TensorPrimitives.Multiply(gradients, maxNorm / norm, gradients);
        return norm;
    }
}
