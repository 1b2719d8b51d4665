namespace JobRec.ML.Onet;

/// <summary>Settings of <see cref="EncoderTitleClassifier"/> training.</summary>
/// <param name="Epochs">Passes over the training titles.</param>
/// <param name="BatchSize">Titles per step (each batch holds titles of one token length).</param>
/// <param name="EncoderLearningRate">Peak Adam step of the pretrained encoder weights (linear warm-up over the first 5% of steps, then linear decay to 0).</param>
/// <param name="HeadLearningRate">Peak Adam step of the new softmax layer (same schedule).</param>
/// <param name="LabelSmoothing">Share of the target probability spread evenly over all classes.</param>
/// <param name="MaxTokens">Tokens of a title the classifier reads (longer titles are clipped).</param>
/// <param name="Seed">Seed of the softmax initialisation and the batch order.</param>
public sealed record EncoderClassifierOptions(
    int Epochs = 5,
    int BatchSize = 64,
    float EncoderLearningRate = 2e-4f,
    float HeadLearningRate = 3e-3f,
    float LabelSmoothing = 0.1f,
    int MaxTokens = 16,
    int Seed = 23);
