namespace JobRec.ML.Onet;

/// <summary>Settings of <see cref="OnetReranker"/>.</summary>
/// <param name="Candidates">Fused candidates re-ranked per query.</param>
/// <param name="Hidden">Tanh units of the scoring network beside its linear part (0 = a linear model).</param>
/// <param name="Epochs">Passes over the training lists.</param>
/// <param name="LearningRate">Adam step.</param>
/// <param name="L2">Weight decay on the weights (not the biases).</param>
/// <param name="BatchSize">Lists per update.</param>
/// <param name="Seed">Seed of initialisation and shuffling.</param>
public sealed record RerankerOptions(
    int Candidates = 30,
    int Hidden = 16,
    int Epochs = 10,
    float LearningRate = 0.003f,
    float L2 = 0.001f,
    int BatchSize = 64,
    int Seed = 17);
