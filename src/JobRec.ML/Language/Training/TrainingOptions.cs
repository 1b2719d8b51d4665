namespace JobRec.ML.Language.Training;

/// <summary>How to train a language model: batch shape, optimizer, schedule and budget.</summary>
public sealed record TrainingOptions
{
    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 8;
    /// <summary>Tokens per sequence (at most the model's context length).</summary>
    public int SequenceLength { get; init; } = 128;
    /// <summary>Peak learning rate.</summary>
    public float LearningRate { get; init; } = 1e-3f;
    /// <summary>Warm-up steps.</summary>
    public int WarmupSteps { get; init; } = 100;
    /// <summary>Total optimizer steps (the cosine schedule ends here).</summary>
    public int Steps { get; init; } = 2000;
    /// <summary>Stop once this much time has passed; the cosine schedule is then fitted to the steps the time allows (estimated after the first steps, re-estimated every 20 steps).</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>The clock the time limit and the reported speed are read from (the system clock unless a test drives a fake one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>Global gradient norm limit.</summary>
    public float MaxGradientNorm { get; init; } = 1f;
    /// <summary>AdamW weight decay.</summary>
    public float WeightDecay { get; init; } = 0.1f;
    /// <summary>Seed for batch sampling.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Report progress every this many steps (0 = never).</summary>
    public int LogEvery { get; init; } = 50;
}
