using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Tests.Skills.FineTuning;

/// <summary>Small random transformer layers of MiniLM's width (384, 12 heads) with a narrow feed-forward layer, for tests that need a stack but
/// not the pretrained weights.</summary>
internal static class TinyStacks
{
    /// <summary>A stack of <paramref name="layers"/> layers continuing after layer <paramref name="firstLayer"/>: weights uniform in ±0.05, norm gains
    /// near 1, biases near 0.</summary>
    public static BertLayerStack Random(int seed, int firstLayer = 6, int layers = 1, int intermediate = 8)
    {
        var stack = new BertLayerStack(firstLayer, layers, 384, intermediate, 12);
        var random = new Random(seed);
        foreach (var segment in stack.Segments)
        {
            bool gain = segment.Name.EndsWith("norm.g", StringComparison.Ordinal);
            float spread = segment.Decays ? 0.05f : 0.02f;
            for (int i = segment.Offset; i < segment.Offset + segment.Length; i++)
                stack.Parameters[i] = (gain ? 1f : 0f) + (float)(random.NextDouble() * 2 - 1) * spread;
        }
        return stack;
    }
}
