namespace JobRec.ML.Onet.EncoderTuning;

/// <summary>Settings of contrastive fine-tuning of an encoder's top layers (<see cref="LayerContrastiveTrainer"/>); the defaults make the O*NET encoder
/// minilm-onet (3 layers, 4 epochs, peak rate 1e-4: the best development MRR@10 of those tried, docs/EVALUATION.md).</summary>
/// <param name="Layers">Top transformer layers trained (the others stay frozen; their output is computed once per text).</param>
/// <param name="Epochs">Passes over the anchors (each anchor once per epoch, with a freshly drawn positive).</param>
/// <param name="BatchSize">Pairs per step; the other pairs of a step are the in-batch negatives.</param>
/// <param name="LearningRate">Peak AdamW learning rate (after linear warm-up, then cosine decay to 10% of it).</param>
/// <param name="WarmupFraction">Share of all steps spent in linear warm-up.</param>
/// <param name="Temperature">Softmax temperature of the InfoNCE similarities (the projection head's, <see cref="Text.FineTuning.ContrastiveOptions"/>).</param>
/// <param name="WeightDecay">Decoupled AdamW weight decay.</param>
/// <param name="AlternateShare">Probability that an anchor's positive is another alternate title of its occupation rather than the occupation's title.</param>
/// <param name="Seed">Seed of pair order and sampling; a run is deterministic for a seed (and BLAS thread count).</param>
/// <param name="ClipNorm">Global gradient norm above which gradients are scaled down.</param>
public sealed record EncoderTuningOptions(int Layers = 3, int Epochs = 4, int BatchSize = 256, float LearningRate = 1e-4f, float WarmupFraction = 0.1f,
    float Temperature = 0.05f, float WeightDecay = 0.01f, float AlternateShare = 0.5f, int Seed = 7, float ClipNorm = 1f)
{
    /// <summary>Throws when a setting is out of range (the message names it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (Layers < 1) throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "fine-tuned layers must be 1 or more");
        if (Epochs < 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be 0 or more");
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be 2 or more (in-batch negatives)");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be positive");
        if (WarmupFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(WarmupFraction), WarmupFraction, "warm-up fraction must be within 0..1");
        if (!(Temperature > 0)) throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "temperature must be positive");
        if (WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "weight decay must be 0 or more");
        if (AlternateShare is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(AlternateShare), AlternateShare, "alternate-title share must be within 0..1");
        if (!(ClipNorm > 0)) throw new ArgumentOutOfRangeException(nameof(ClipNorm), ClipNorm, "gradient clip norm must be positive");
    }
}
