using System.Globalization;

namespace JobRec.ML.Onet;

/// <summary>Weights of the evidence <see cref="OnetClassifier"/> sums into one score per occupation.</summary>
/// <param name="Semantic">Sentence-embedding cosine to the occupation's nearest title.</param>
/// <param name="Description">Sentence-embedding cosine to the occupation's title + description.</param>
/// <param name="Lexical">N-gram TF-IDF cosine to the occupation's nearest title.</param>
/// <param name="Classifier">Probability from the learned classifier.</param>
/// <param name="Vote">Similarity-weighted vote of the nearest titles (<see cref="VoteSettings"/>).</param>
public sealed record OnetFusionWeights(float Semantic, float Description, float Lexical, float Classifier, float Vote = 0)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"semantic={Semantic:0.###} description={Description:0.###} lexical={Lexical:0.###} classifier={Classifier:0.###} vote={Vote:0.###}");
}
