namespace JobRec.ML.Recommenders;

/// <summary>Nearest-job search over job embeddings by inner product; lets a vector index (FAISS) stand behind the content recommender.</summary>
public interface IJobVectorSearch
{
    /// <summary>Replaces the searched set with <paramref name="count"/> row-major job vectors of length <paramref name="dimension"/>; row i is job index i.</summary>
    void Build(ReadOnlySpan<float> vectors, int count, int dimension);

    /// <summary>The <paramref name="k"/> jobs with the largest inner product with the query, best first (fewer when the set is smaller).</summary>
    (int[] Jobs, float[] Scores) Search(ReadOnlySpan<float> query, int k);
}
