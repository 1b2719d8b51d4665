using JobRec.ML.Text.FineTuning;

namespace JobRec.ML.Onet;

/// <summary>Settings of <see cref="OnetClassifier"/>: the weights that mix its four kinds of evidence, whether a projection head is fine-tuned first,
/// and how the learned classifier trains. Default weights come from <see cref="OnetFusionTuning"/> on a development split carved out of the
/// training titles (docs/EVALUATION.md).</summary>
/// <param name="DescriptionWeight">Weight of the sentence-embedding cosine to the occupation title + description.</param>
/// <param name="LexicalWeight">Weight of the n-gram TF-IDF cosine to the nearest training title of the occupation (<see cref="NgramTitleIndex"/>).</param>
/// <param name="ClassifierWeight">Weight of the learned classifier's probability (<see cref="SubwordTitleClassifier"/>).</param>
/// <param name="FineTuneHead">Train a contrastive projection head (alternate title to occupation text) before indexing.</param>
/// <param name="Contrastive">Settings of the head training.</param>
/// <param name="ClassifierEpochs">Epochs of the learned classifier.</param>
/// <param name="ClassifierLearningRate">Initial SGD step of the learned classifier (decays linearly to zero).</param>
/// <param name="SemanticWeight">Weight of the sentence-embedding cosine to the nearest title of the occupation.</param>
/// <param name="ClassifierHidden">Width of the classifier's learned n-gram embeddings.</param>
/// <param name="ClassifierSocGroups">Let the classifier share output weights within SOC major, minor, broad and detailed groups (<see cref="SocHierarchy"/>).</param>
/// <param name="AugmentTitles">Add the training titles derived from the occupation titles by <see cref="TitleAugmentation"/> (singular forms,
/// list members).</param>
/// <param name="Rerank">Re-order the top fused candidates with an <see cref="OnetReranker"/> trained on a development split of the training titles
/// (<see cref="OnetFusionTuning"/>; the evaluation then always tunes first).</param>
/// <param name="Reranker">Settings of the reranker.</param>
/// <param name="RerankFolds">Parts of the non-development training titles that each get candidate lists from a model trained without them, as more
/// reranker training data (one more model per part; 0 = the development titles only).</param>
/// <param name="ClassifierSeeds">Learned classifiers trained with consecutive seeds whose probabilities are averaged.</param>
/// <param name="EncoderClassifier">Also fine-tune the USE-Lite encoder itself as a title classifier (<see cref="EncoderTitleClassifier"/>) with these
/// settings, and mix its probabilities into the learned classifier's (null: off; needs the USE-Lite encoder).</param>
/// <param name="EncoderClassifierShare">Share of the fine-tuned encoder classifier in that mix.</param>
/// <param name="HeadTitlePairs">Also train the projection head on title-to-title pairs (each alternate title with another title of its occupation,
/// drawn with a fixed seed), beside the title-to-occupation-text pairs.</param>
/// <param name="VoteWeight">Weight of the similarity-weighted vote of the nearest titles (<see cref="VoteSettings"/>).</param>
/// <param name="Vote">Neighbours and temperature of that vote (null: <see cref="VoteSettings"/>' defaults).</param>
public sealed record OnetClassifierOptions(
    float DescriptionWeight = 0.4f,
    float LexicalWeight = 0.25f,
    float ClassifierWeight = 0.5f,
    bool FineTuneHead = true,
    ContrastiveOptions? Contrastive = null,
    int ClassifierEpochs = 20,
    float ClassifierLearningRate = 1f,
    float SemanticWeight = 0f,
    int ClassifierHidden = 96,
    bool ClassifierSocGroups = false,
    bool AugmentTitles = true,
    bool Rerank = true,
    RerankerOptions? Reranker = null,
    int ClassifierSeeds = 1,
    int RerankFolds = 3,
    EncoderClassifierOptions? EncoderClassifier = null,
    float EncoderClassifierShare = 0.5f,
    bool HeadTitlePairs = false,
    float VoteWeight = 1f,
    VoteSettings? Vote = null)
{
    /// <summary>The vote's settings in use.</summary>
    public VoteSettings VoteOrDefault => Vote ?? new VoteSettings();

    /// <summary>Fused candidates the reranker re-orders per query.</summary>
    public int RerankCandidates => (Reranker ?? new RerankerOptions()).Candidates;

    /// <summary>The mixing weights as one value.</summary>
    public OnetFusionWeights Weights => new(SemanticWeight, DescriptionWeight, LexicalWeight, ClassifierWeight, VoteWeight);

    /// <summary>These options with the mixing weights of <paramref name="weights"/>.</summary>
    public OnetClassifierOptions With(OnetFusionWeights weights) => this with
    {
        SemanticWeight = weights.Semantic, DescriptionWeight = weights.Description, LexicalWeight = weights.Lexical, ClassifierWeight = weights.Classifier, VoteWeight = weights.Vote,
    };
}
