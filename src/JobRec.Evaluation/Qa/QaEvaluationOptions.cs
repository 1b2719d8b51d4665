using JobRec.ML.Language.Model;

namespace JobRec.Evaluation.Qa;

/// <summary>What <see cref="QaEvaluationRunner"/> trains and measures.</summary>
public sealed record QaEvaluationOptions
{
    /// <summary>The default model shape: 4 blocks of width 128 with 4 heads, 192-token context (a posting, a question and its answer), 2,048-id BPE vocabulary; sized so 30 minutes on 2 cores see several million tokens.</summary>
    public static readonly TransformerConfig DefaultConfig = new(VocabSize: 2048, ContextLength: 192, ModelDim: 128, Heads: 4, Layers: 4);

    /// <summary>Folder laid out like ../shared/data.</summary>
    public required string DataDirectory { get; init; }
    /// <summary>Checkpoint to evaluate; trained (and saved here) when the file does not exist. Null = train and do not save.</summary>
    public string? ModelPath { get; init; }
    /// <summary>Folder with GPT-2 style vocab.json and merges.txt to use instead of training a tokenizer (null = train one).</summary>
    public string? TokenizerDirectory { get; init; }
    /// <summary>Model shape when training.</summary>
    public TransformerConfig Config { get; init; } = DefaultConfig;
    /// <summary>Training time budget.</summary>
    public TimeSpan TrainTime { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>Optimizer steps of the schedule (training stops earlier at <see cref="TrainTime"/>).</summary>
    public int TrainSteps { get; init; } = 6000;
    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 8;
    /// <summary>Peak learning rate.</summary>
    public float LearningRate { get; init; } = 1e-3f;
    /// <summary>Most held-out questions answered (balanced over question kinds).</summary>
    public int MaxQuestions { get; init; } = 300;
    /// <summary>Most held-out postings whose text is scored for perplexity.</summary>
    public int MaxPerplexityDocuments { get; init; } = 200;
    /// <summary>Jobs of the synthetic market (seed 42) added to the postings read from <see cref="DataDirectory"/> (0 = none).</summary>
    public int SyntheticJobs { get; init; } = 10_000;
    /// <summary>Extra postings added to those read from <see cref="DataDirectory"/>.</summary>
    public IReadOnlyList<JobRec.Data.Model.JobPosting> ExtraPostings { get; init; } = [];
    /// <summary>When true the loss of QA examples counts only the answer tokens (the model learns to answer from the context, not to predict the context); posting sentences are always learned whole.</summary>
    public bool AnswerLossOnly { get; init; } = true;
    /// <summary>The sentences (with description) of one posting in this many are added as whole documents beside the QA examples; the rest contribute QA examples only.</summary>
    public int SentencesEvery { get; init; } = 1;
    /// <summary>Where to write the SVG training loss curve when training (null = nowhere).</summary>
    public string? LossCurvePath { get; init; }
    /// <summary>Seed of sampling and initialisation.</summary>
    public int Seed { get; init; } = 1;
}
