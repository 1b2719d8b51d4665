using JobRec.ML.Numerics;
using JobRec.ML.Onet;
using JobRec.ML.Text;

namespace JobRec.ML.Tests;

/// <summary>A fast deterministic test encoder: hashed bag of lower-cased words, L2-normalised.</summary>
internal sealed class HashingTextEncoder(int dimension = 64) : ITextEncoder
{
    public int Dimension => dimension;
    public int Calls { get; private set; }

    public float[] Encode(IReadOnlyList<string> texts)
    {
        Calls++;
        var v = new float[texts.Count * dimension];
        for (int i = 0; i < texts.Count; i++)
            foreach (var word in TfIdfIndex.Tokenize(texts[i]))
                v[i * dimension + (int)(TitleSplit.StableHash(word) % (uint)dimension)] += 1f;
        for (int i = 0; i < texts.Count; i++)
            if (v.AsSpan(i * dimension, dimension).IndexOfAnyExcept(0f) >= 0) MatrixRows.L2Normalize(v.AsSpan(i * dimension, dimension), dimension);
        return v;
    }
}
