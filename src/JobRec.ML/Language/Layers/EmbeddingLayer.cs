namespace JobRec.ML.Language.Layers;

/// <summary>Token + position embedding: out[b,t] = wte[token[b,t]] + wpe[t].</summary>
public static class EmbeddingLayer
{
    /// <summary>Writes the embeddings of <paramref name="tokens"/> ([B*T]) into <paramref name="output"/> ([B*T, D]).</summary>
    public static void Forward(ReadOnlySpan<int> tokens, int seqLen, ReadOnlySpan<float> wte, ReadOnlySpan<float> wpe, Span<float> output, int dim)
    {
        int vocab = wte.Length / dim;
        for (int n = 0; n < tokens.Length; n++)
        {
            int token = tokens[n], t = n % seqLen;
            if ((uint)token >= (uint)vocab) throw new ArgumentOutOfRangeException(nameof(tokens), token, $"token at position {n} is outside the vocabulary of {vocab}");
            System.Numerics.Tensors.TensorPrimitives.Add(wte.Slice(token * dim, dim), wpe.Slice(t * dim, dim), output.Slice(n * dim, dim));
        }
    }

    /// <summary>Adds the gradient of the output into the gradients of both embedding tables.</summary>
    public static void Backward(ReadOnlySpan<float> dOutput, ReadOnlySpan<int> tokens, int seqLen, Span<float> dWte, Span<float> dWpe, int dim)
    {
        for (int n = 0; n < tokens.Length; n++)
        {
            var g = dOutput.Slice(n * dim, dim);
            var rowT = dWte.Slice(tokens[n] * dim, dim);
            System.Numerics.Tensors.TensorPrimitives.Add(rowT, g, rowT);
            var rowP = dWpe.Slice(n % seqLen * dim, dim);
            System.Numerics.Tensors.TensorPrimitives.Add(rowP, g, rowP);
        }
    }
}
