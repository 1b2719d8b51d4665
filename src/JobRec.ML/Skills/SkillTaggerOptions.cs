namespace JobRec.ML.Skills;

/// <summary>Shape and training settings of a <see cref="SkillTaggerHead"/>.</summary>
/// <param name="Radius">Neighbour words on each side whose vectors join a word's input (0: the word alone).</param>
/// <param name="Hidden">Width of the ReLU hidden layer; 0 gives a linear softmax head (or the LSTM's).</param>
/// <param name="Lstm">Units per direction of a bidirectional LSTM over the sentence (replaces the hidden layer; 0: none).</param>
/// <param name="Epochs">Most passes over the training sentences; the epoch with the best tuning-split span F1 is kept.</param>
/// <param name="Patience">Stop after this many epochs without a better tuning F1.</param>
/// <param name="BatchSentences">Sentences per gradient step.</param>
/// <param name="LearningRate">Adam step size.</param>
/// <param name="InputDropout">Dropout rate on the input vector during training.</param>
/// <param name="HiddenDropout">Dropout rate on the hidden layer during training.</param>
/// <param name="WeightDecay">Decoupled weight decay (AdamW).</param>
/// <param name="SpanWeight">Loss weight of B and I words relative to O words (above 1 trades precision for recall).</param>
/// <param name="Seed">Seed of initialisation, shuffling and dropout: equal seeds and inputs give equal models.</param>
/// <param name="LstmLayers">Stacked BiLSTM layers (1 or 2; dropout after each).</param>
/// <param name="Crf">Train and decode each BIO layer as a linear-chain CRF (<see cref="BioCrf"/>) instead of per-word softmax.</param>
/// <remarks>The defaults are the measured best on SkillSpan dev (docs/EVALUATION.md): a 128-unit BiLSTM over the word vectors alone.</remarks>
public sealed record SkillTaggerOptions(int Radius = 0, int Hidden = 0, int Lstm = 128, int Epochs = 15, int Patience = 5, int BatchSentences = 32,
    float LearningRate = 1e-3f, float InputDropout = 0.2f, float HiddenDropout = 0.3f, float WeightDecay = 1e-4f, float SpanWeight = 1f, int Seed = 7,
    int LstmLayers = 1, bool Crf = false)
{
    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The message names the setting.</exception>
    public void Validate()
    {
        if (Radius is < 0 or > 8) throw new ArgumentOutOfRangeException(nameof(Radius), Radius, "context radius must be 0..8");
        if (Hidden is < 0 or > 4096) throw new ArgumentOutOfRangeException(nameof(Hidden), Hidden, "hidden width must be 0 (linear) .. 4096");
        if (Lstm is < 0 or > 4096) throw new ArgumentOutOfRangeException(nameof(Lstm), Lstm, "LSTM units must be 0 (none) .. 4096");
        if (Lstm > 0 && Hidden > 0) throw new ArgumentOutOfRangeException(nameof(Hidden), Hidden, "an LSTM head has no hidden layer: set hidden to 0");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be at least 1");
        if (Patience < 1) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "patience must be at least 1");
        if (BatchSentences < 1) throw new ArgumentOutOfRangeException(nameof(BatchSentences), BatchSentences, "batch size must be at least 1");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be positive");
        if (InputDropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(InputDropout), InputDropout, "input dropout must be in [0, 1)");
        if (HiddenDropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(HiddenDropout), HiddenDropout, "hidden dropout must be in [0, 1)");
        if (WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "weight decay must be 0 or more");
        if (LstmLayers is < 1 or > 2) throw new ArgumentOutOfRangeException(nameof(LstmLayers), LstmLayers, "LSTM layers must be 1 or 2");
        if (Crf && SpanWeight != 1f) throw new ArgumentOutOfRangeException(nameof(SpanWeight), SpanWeight, "span weight applies to the softmax loss only: leave it at 1 with a CRF");
        if (!(SpanWeight > 0)) throw new ArgumentOutOfRangeException(nameof(SpanWeight), SpanWeight, "span weight must be positive");
    }
}
