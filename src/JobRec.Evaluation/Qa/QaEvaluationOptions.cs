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
    public int BatchSize { get; init; } = 16;
    /// <summary>Peak learning rate.</summary>
    public float LearningRate { get; init; } = 2e-3f;
    /// <summary>Most held-out questions answered (balanced over question kinds).</summary>
    public int MaxQuestions { get; init; } = 300;
    /// <summary>Most held-out postings whose text is scored for perplexity.</summary>
    public int MaxPerplexityDocuments { get; init; } = 200;
    /// <summary>Jobs of the synthetic market (seed 42) added to the postings read from <see cref="DataDirectory"/> (0 = none).</summary>
    public int SyntheticJobs { get; init; } = 10_000;
    /// <summary>Extra postings added to those read from <see cref="DataDirectory"/>.</summary>
    public IReadOnlyList<JobRec.Data.Model.JobPosting> ExtraPostings { get; init; } = [];
    /// <summary>When true the loss of QA examples counts only the answer tokens (posting sentences are always learned whole); false (the default) learns every token, which in a 500-step A/B on the tiny model gave the same EM and a lower perplexity (13.4 against 19.2), since the repeated contexts of one posting's examples teach copying too.</summary>
    public bool AnswerLossOnly { get; init; }
    /// <summary>The sentences (with description) of one posting in this many are added as whole documents beside the QA examples; the rest contribute QA examples only.</summary>
    public int SentencesEvery { get; init; } = 3;
    /// <summary>Where to write the SVG training loss curve when training (null = nowhere).</summary>
    public string? LossCurvePath { get; init; }
    /// <summary>Seed of sampling and initialisation.</summary>
    public int Seed { get; init; } = 1;
}
