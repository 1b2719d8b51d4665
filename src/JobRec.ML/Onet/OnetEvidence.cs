namespace JobRec.ML.Onet;

/// <summary>Per-occupation evidence for a block of queries, each array queries x <see cref="Occupations"/> row-major, before weighting.</summary>
/// <param name="Queries">Number of queries.</param>
/// <param name="Occupations">Number of occupations.</param>
/// <param name="Semantic">Best sentence-embedding cosine to a title of the occupation.</param>
/// <param name="Description">Sentence-embedding cosine to the occupation text.</param>
/// <param name="Lexical">Best n-gram TF-IDF cosine to a title of the occupation.</param>
/// <param name="Classifier">Learned classifier probability (zeros when the classifier is off).</param>
/// <param name="SemanticVotes">Votes of the nearest titles by sentence embedding (<see cref="NeighbourVotes"/>), when computed.</param>
/// <param name="LexicalVotes">Votes of the nearest titles by n-gram TF-IDF, when computed.</param>
/// <param name="Tuned">The fine-tuned encoder classifier's probabilities alone (already mixed into <paramref name="Classifier"/>), when the model has one.</param>
/// <param name="Vote">Similarity-weighted vote of the nearest titles by sentence embedding (<see cref="NeighbourVotes.Weighted(ReadOnlySpan{float}, IReadOnlyList{int}, Span{float}, VoteSettings)"/>),
/// when computed (fused with <see cref="OnetFusionWeights.Vote"/>; absent counts as 0).</param>
public sealed record OnetEvidence(int Queries, int Occupations, float[] Semantic, float[] Description, float[] Lexical, float[] Classifier,
    float[]? SemanticVotes = null, float[]? LexicalVotes = null, float[]? Tuned = null, float[]? Vote = null)
{
    /// <summary>Writes the weighted sum for query <paramref name="query"/> into <paramref name="scores"/> (Occupations values).</summary>
    public void Fuse(int query, OnetFusionWeights weights, Span<float> scores)
    {
        int offset = query * Occupations;
        for (int o = 0; o < Occupations; o++)
        {
            int i = offset + o;
            scores[o] = weights.Semantic * Semantic[i] + weights.Description * Description[i] + weights.Lexical * Lexical[i] + weights.Classifier * Classifier[i];
        }
        if (Vote is null || weights.Vote == 0) return;
        for (int o = 0; o < Occupations; o++) scores[o] += weights.Vote * Vote[offset + o];
    }
}
