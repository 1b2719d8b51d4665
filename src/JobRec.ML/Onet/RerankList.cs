namespace JobRec.ML.Onet;

/// <summary>The candidate occupations of one query for <see cref="OnetReranker"/>: their column indices in fused-score order, their features
/// (candidates x <see cref="RerankFeatures.Count"/> row-major) and the position of the relevant candidate (-1 when unknown or not among them).</summary>
/// <param name="Candidates">Occupation columns, best fused score first.</param>
/// <param name="Features">Feature rows of the candidates.</param>
/// <param name="Relevant">Index into <paramref name="Candidates"/> of the right occupation, or -1.</param>
public sealed record RerankList(int[] Candidates, float[] Features, int Relevant = -1);
