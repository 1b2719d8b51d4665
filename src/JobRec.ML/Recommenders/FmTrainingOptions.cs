namespace JobRec.ML.Recommenders;

/// <summary>Hyper-parameters of factorization machine training (BPR loss, uniform negative sampling, Hogwild SGD).</summary>
public sealed record FmTrainingOptions
{
    /// <summary>Latent factors per feature (k).</summary>
    public int Factors { get; init; } = 32;
    /// <summary>Passes over the training pairs.</summary>
    public int Epochs { get; init; } = 30;
    /// <summary>SGD step size.</summary>
    public float LearningRate { get; init; } = 0.01f;
    /// <summary>L2 penalty on linear weights.</summary>
    public float WeightRegularization { get; init; } = 1e-4f;
    /// <summary>L2 penalty on latent factors.</summary>
    public float FactorRegularization { get; init; } = 1e-3f;
    /// <summary>Negative jobs sampled per positive pair (each makes one BPR example).</summary>
    public int NegativesPerPositive { get; init; } = 4;
    /// <summary>Training threads (Hogwild); defaults to the processor count.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Share of training examples shown as a cold-start user would be seen (no history, no user id), so that profile, region and popularity learn to rank alone.</summary>
    public float ColdStartShare { get; init; } = 0.25f;
    /// <summary>
    /// True (default) to give every catalog user and job a one-hot id feature; false keeps only the content, location and
    /// popularity features, so jobs nobody has viewed yet compete on equal terms with viewed ones.
    /// </summary>
    public bool IdFeatures { get; init; } = true;
    /// <summary>
    /// True (default) to use the title and city features (<see cref="FmFeatureInputs.CityMatch"/> and the three after it); false leaves them 0
    /// (the ablation). A served model carries the title vocabulary, so silos compute them as training does (<see cref="TitleCityFeaturizer"/>).
    /// </summary>
    public bool TitleCityFeatures { get; init; } = true;
    /// <summary>Seed of initialisation and sampling.</summary>
    public int Seed { get; init; } = 1;
}
