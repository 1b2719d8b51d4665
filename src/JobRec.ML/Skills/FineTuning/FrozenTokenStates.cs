namespace JobRec.ML.Skills.FineTuning;

/// <summary>The frozen encoder's token states of a list of sentences, computed once for fine-tuning: the sentences are split into model rows
/// exactly as <see cref="WordStateEncoder.Encode"/> splits them (blocks of the same size, the same calls), and each row's states are kept at full
/// precision, so that running a stack on them gives the word vectors a served <see cref="WordStateEncoder"/> with that stack computes.</summary>
/// <remarks>Memory: 4 × model width bytes per token (1.5 KiB for MiniLM), about 190 MiB for SkillSpan's train split.</remarks>
public sealed class FrozenTokenStates
{
    private FrozenTokenStates(IReadOnlyList<string[]> sentences, List<WordStateEncoder.Chunk>[] blockChunks, float[][][] blockStates)
    {
        Sentences = sentences;
        BlockChunks = blockChunks;
        BlockStates = blockStates;
        SentenceChunks = new (int Block, int Index)[sentences.Count][];
        var lists = Enumerable.Range(0, sentences.Count).Select(_ => new List<(int, int)>()).ToArray();
        for (int b = 0; b < blockChunks.Length; b++)
            for (int c = 0; c < blockChunks[b].Count; c++) lists[blockChunks[b][c].Sentence].Add((b, c));
        for (int s = 0; s < sentences.Count; s++) SentenceChunks[s] = [.. lists[s]];
        Values = blockStates.Sum(b => b.Sum(r => (long)r.Length));
    }

    /// <summary>The tokenised sentences.</summary>
    public IReadOnlyList<string[]> Sentences { get; }

    /// <summary>Number of sentences.</summary>
    public int Count => Sentences.Count;

    /// <summary>Stored state values (tokens × model width).</summary>
    public long Values { get; }

    internal List<WordStateEncoder.Chunk>[] BlockChunks { get; }

    internal float[][][] BlockStates { get; }

    /// <summary>Per sentence, its rows as (block, index in block), in word order.</summary>
    internal (int Block, int Index)[][] SentenceChunks { get; }

    /// <summary>Runs <paramref name="encoder"/>'s model (which should stop at the layer a stack will continue from, see
    /// <see cref="Text.Onnx.OnnxEncoderOptions.OutputLayer"/>) over <paramref name="sentences"/>.</summary>
    /// <param name="encoder">Word encoder without a stack of its own.</param>
    /// <param name="sentences">Tokenised sentences.</param>
    /// <param name="progress">Called with the number of sentences done after each block.</param>
    /// <exception cref="ArgumentException">The encoder already has a stack.</exception>
    public static FrozenTokenStates Compute(WordStateEncoder encoder, IReadOnlyList<string[]> sentences, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(sentences);
        if (encoder.Stack is not null) throw new ArgumentException("the frozen token states come from an encoder without fine-tuned layers", nameof(encoder));
        int blocks = (sentences.Count + WordStateEncoder.SentencesPerCall - 1) / WordStateEncoder.SentencesPerCall;
        var chunks = new List<WordStateEncoder.Chunk>[blocks];
        var states = new float[blocks][][];
        for (int b = 0; b < blocks; b++)
        {
            int start = b * WordStateEncoder.SentencesPerCall, end = Math.Min(sentences.Count, start + WordStateEncoder.SentencesPerCall);
            chunks[b] = encoder.Chunks(sentences, start, end);
            states[b] = encoder.Encoder.TokenStates(chunks[b].Select(c => c.Row).ToList());
            progress?.Invoke(end);
        }
        return new FrozenTokenStates(sentences, chunks, states);
    }
}
