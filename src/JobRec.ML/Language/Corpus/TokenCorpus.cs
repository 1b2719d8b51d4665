using JobRec.ML.Language.Tokenization;

namespace JobRec.ML.Language.Corpus;

/// <summary>Documents encoded into one token stream, each followed by end-of-text, with the offset where each document starts and, optionally, which tokens are learned as targets.</summary>
public sealed class TokenCorpus
{
    /// <summary>Wraps an encoded stream and its document start offsets; <paramref name="learned"/> (same length as the stream, null = all) marks the tokens that count as training targets.</summary>
    /// <exception cref="ArgumentException">The stream is shorter than two tokens, a start offset is outside it, or the mask length differs.</exception>
    public TokenCorpus(int[] tokens, int[] documentStarts, bool[]? learned = null)
    {
        if (tokens.Length < 2) throw new ArgumentException($"corpus has {tokens.Length} tokens, needs at least 2", nameof(tokens));
        foreach (int s in documentStarts)
            if ((uint)s >= (uint)tokens.Length) throw new ArgumentException($"document start {s} is outside the {tokens.Length}-token stream", nameof(documentStarts));
        if (learned is not null && learned.Length != tokens.Length)
            throw new ArgumentException($"the learned-token mask has {learned.Length} entries for {tokens.Length} tokens", nameof(learned));
        Tokens = tokens;
        DocumentStarts = documentStarts.Length == 0 ? [0] : documentStarts;
        Learned = learned;
    }

    /// <summary>The token stream.</summary>
    public int[] Tokens { get; }
    /// <summary>Offset of each document's first token.</summary>
    public int[] DocumentStarts { get; }
    /// <summary>Per token: true when it is a training target (null = every token is).</summary>
    public bool[]? Learned { get; }

    /// <summary>Number of tokens that are training targets.</summary>
    public long LearnedCount => Learned is null ? Tokens.Length : Learned.LongCount(b => b);

    /// <summary>Encodes <paramref name="documents"/> with <paramref name="tokenizer"/>, appending end-of-text after each; every token is learned.</summary>
    public static TokenCorpus Encode(ByteLevelBpeTokenizer tokenizer, IEnumerable<string> documents) =>
        Encode(tokenizer, documents.Select(TrainingText.Whole), maskPrompts: false);

    /// <summary>Encodes <paramref name="documents"/> (prompt tokens, completion tokens, end-of-text); with <paramref name="maskPrompts"/> only completion and end-of-text tokens are targets.</summary>
    public static TokenCorpus Encode(ByteLevelBpeTokenizer tokenizer, IEnumerable<TrainingText> documents, bool maskPrompts)
    {
        var tokens = new List<int>();
        var learned = new List<bool>();
        var starts = new List<int>();
        foreach (var doc in documents)
        {
            if (doc.Prompt.Length == 0 && doc.Completion.Length == 0) continue;
            starts.Add(tokens.Count);
            if (doc.Prompt.Length > 0)
            {
                var prompt = tokenizer.Encode(doc.Prompt);
                tokens.AddRange(prompt);
                for (int i = 0; i < prompt.Length; i++) learned.Add(!maskPrompts);
            }
            var completion = tokenizer.Encode(doc.Completion);
            tokens.AddRange(completion);
            for (int i = 0; i < completion.Length; i++) learned.Add(true);
            tokens.Add(tokenizer.EndOfText);
            learned.Add(true);
        }
        return new TokenCorpus([.. tokens], [.. starts], maskPrompts ? [.. learned] : null);
    }

    /// <summary>Fills one training window of <paramref name="inputs"/> and next-token <paramref name="targets"/> starting at a random document start; targets that are not learned are -1 (ignored by the loss).</summary>
    public void SampleWindow(Random rng, Span<int> inputs, Span<int> targets)
    {
        int length = inputs.Length;
        int start = DocumentStarts[rng.Next(DocumentStarts.Length)];
        if (start + length + 1 > Tokens.Length) start = Math.Max(0, Tokens.Length - length - 1);
        for (int i = 0; i < length; i++)
        {
            int at = start + i;
            inputs[i] = at < Tokens.Length ? Tokens[at] : Tokens[^1];
            targets[i] = at + 1 < Tokens.Length && (Learned is null || Learned[at + 1]) ? Tokens[at + 1] : -1;
        }
    }
}
