namespace JobRec.ML.Onet;

/// <summary>Settings of <see cref="SubwordTitleClassifier"/> training.</summary>
/// <param name="Hidden">Width of the learned n-gram embeddings (the sparse part of the classifier's input).</param>
/// <param name="Epochs">Passes over the training titles.</param>
/// <param name="LearningRate">Initial SGD step (per example, summed over a batch), decayed linearly to zero.</param>
/// <param name="BatchSize">Titles per update.</param>
/// <param name="DenseScale">Factor on the sentence embedding before it joins the input (its weight against the n-gram part).</param>
/// <param name="Seed">Seed of initialisation and shuffling (same seed, same model).</param>
public sealed record SubwordClassifierOptions(
    int Hidden = 96,
    int Epochs = 12,
    float LearningRate = 0.3f,
    int BatchSize = 32,
    float DenseScale = 1f,
    int Seed = 5);
