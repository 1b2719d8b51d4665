namespace JobRec.ML.Skills.FineTuning;

/// <summary>Settings of fine-tuning the encoder's top layers jointly with the skill tagger head (<see cref="SkillTaggerFineTuner"/>); the head's
/// shape, dropout, batch size and seed come from <see cref="SkillTaggerOptions"/>.</summary>
/// <param name="Layers">Top transformer layers trained (1..6; each costs about 10 MFLOP per token and step); the layers below stay frozen and their states are computed once.</param>
/// <param name="Epochs">Most passes over the training sentences; the learning rates decay linearly to 0 over this many epochs.</param>
/// <param name="Patience">Stop after this many epochs without a better tuning-split F1.</param>
/// <param name="StackLearningRate">Peak AdamW step size of the transformer layers.</param>
/// <param name="HeadLearningRate">Peak Adam step size of the head (a head started from a trained one needs less than one trained from scratch).</param>
/// <param name="WarmupShare">Share of all steps over which both step sizes rise linearly from 0 to their peak.</param>
/// <param name="WeightDecay">Decoupled weight decay of the transformer layers' dense weights (biases and norms do not decay).</param>
/// <remarks>The defaults are the measured best on SkillSpan's tune split (docs/EVALUATION.md): all 6 layers (tune F1 0.463 against 0.443 for the top 2),
/// 4 epochs, starting from a CRF head trained on the frozen states.</remarks>
public sealed record FineTuneOptions(int Layers = 6, int Epochs = 4, int Patience = 2, float StackLearningRate = 3e-5f, float HeadLearningRate = 1e-4f,
    float WarmupShare = 0.1f, float WeightDecay = 0.01f)
{
    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The message names the setting.</exception>
    public void Validate()
    {
        if (Layers is < 1 or > 6) throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "fine-tuned layers must be 1..6");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "fine-tuning epochs must be at least 1");
        if (Patience < 1) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "fine-tuning patience must be at least 1");
        if (!(StackLearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(StackLearningRate), StackLearningRate, "stack learning rate must be positive");
        if (!(HeadLearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(HeadLearningRate), HeadLearningRate, "head learning rate must be positive");
        if (WarmupShare is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(WarmupShare), WarmupShare, "warm-up share must be in [0, 1)");
        if (WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "weight decay must be 0 or more");
    }
}
