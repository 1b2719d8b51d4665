using JobRec.ML.Language.Tokenization;

namespace JobRec.ML.Language.Corpus;

/// <summary>Documents encoded into one token stream, each followed by end-of-text, with the offset where each document starts.</summary>
public sealed class TokenCorpus
{
    /// <summary>Wraps an encoded stream and its document start offsets.</summary>
    /// <exception cref="ArgumentException">The stream is shorter than two tokens or a start offset is outside it.</exception>
    public TokenCorpus(int[] tokens, int[] documentStarts)
    {
        if (tokens.Length < 2) throw new ArgumentException($"corpus has {tokens.Length} tokens, needs at least 2", nameof(tokens));
        foreach (int s in documentStarts)
            if ((uint)s >= (uint)tokens.Length) throw new ArgumentException($"document start {s} is outside the {tokens.Length}-token stream", nameof(documentStarts));
        Tokens = tokens;
        DocumentStarts = documentStarts.Length == 0 ? [0] : documentStarts;
    }

    /// <summary>The token stream.</summary>
    public int[] Tokens { get; }
    /// <summary>Offset of each document's first token.</summary>
    public int[] DocumentStarts { get; }

    /// <summary>Encodes <paramref name="documents"/> with <paramref name="tokenizer"/>, appending end-of-text after each.</summary>
    public static TokenCorpus Encode(ByteLevelBpeTokenizer tokenizer, IEnumerable<string> documents)
    {
        var tokens = new List<int>();
        var starts = new List<int>();
        foreach (var doc in documents)
        {
            if (string.IsNullOrEmpty(doc)) continue;
            starts.Add(tokens.Count);
            tokens.AddRange(tokenizer.Encode(doc));
            tokens.Add(tokenizer.EndOfText);
        }
        return new TokenCorpus([.. tokens], [.. starts]);
    }

    /// <summary>Fills one training window of <paramref name="inputs"/> and next-token <paramref name="targets"/> starting at a random document start.</summary>
    public void SampleWindow(Random rng, Span<int> inputs, Span<int> targets)
    {
        int length = inputs.Length;
        int start = DocumentStarts[rng.Next(DocumentStarts.Length)];
        if (start + length + 1 > Tokens.Length) start = Math.Max(0, Tokens.Length - length - 1);
        for (int i = 0; i < length; i++)
        {
            int at = start + i;
            inputs[i] = at < Tokens.Length ? Tokens[at] : Tokens[^1];
            targets[i] = at + 1 < Tokens.Length ? Tokens[at + 1] : -1;
        }
    }
}
