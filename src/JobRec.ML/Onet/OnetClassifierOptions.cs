using JobRec.ML.Text.FineTuning;

namespace JobRec.ML.Onet;

/// <summary>Settings of <see cref="OnetClassifier"/>: how nearest-title, description and learned-classifier evidence are mixed, and whether a projection head is fine-tuned first.</summary>
/// <param name="DescriptionWeight">Weight of the cosine to the occupation description.</param>
/// <param name="LexicalWeight">Weight of the TF-IDF cosine to the nearest training title of the occupation (word overlap evidence).</param>
/// <param name="ClassifierWeight">Weight of the learned classifier's probability.</param>
/// <param name="FineTuneHead">Train a contrastive projection head (alternate title to occupation text) before indexing.</param>
/// <param name="Contrastive">Settings of the head training.</param>
/// <param name="ClassifierEpochs">Epochs of the softmax classifier.</param>
/// <param name="ClassifierLearningRate">Adam step size of the softmax classifier.</param>
public sealed record OnetClassifierOptions(
    float DescriptionWeight = 0.2f,
    float LexicalWeight = 0.5f,
    float ClassifierWeight = 1f,
    bool FineTuneHead = true,
    ContrastiveOptions? Contrastive = null,
    int ClassifierEpochs = 6,
    float ClassifierLearningRate = 1e-2f);
