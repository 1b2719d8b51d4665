namespace JobRec.Evaluation.Benchmarks;

/// <summary>Throughput numbers of the recommender benchmark.</summary>
/// <param name="Users">Users in the benchmark market.</param>
/// <param name="Jobs">Jobs in the benchmark market.</param>
/// <param name="Pairs">Training (user, job) pairs.</param>
/// <param name="Threads">FM training threads.</param>
/// <param name="Factors">FM latent factors (k).</param>
/// <param name="FmExamplesPerSecond">BPR training examples (one positive and one sampled negative) per second.</param>
/// <param name="ScoreCandidatesPerSecond">Candidates scored per second through <c>Score(user, jobs)</c>, features built from the catalog.</param>
/// <param name="RawScoreCandidatesPerSecond">Candidates scored per second from ready feature inputs (<c>ScoreCandidates</c>).</param>
/// <param name="FmExamplesPerCpuSecond">BPR examples per CPU second of training (independent of other load on the machine).</param>
/// <param name="ScoreCandidatesPerCpuSecond">Candidates scored per CPU second through <c>Score(user, jobs)</c>.</param>
public sealed record RecommenderBenchmarkResult(int Users, int Jobs, int Pairs, int Threads, int Factors,
    double FmExamplesPerSecond, double ScoreCandidatesPerSecond, double RawScoreCandidatesPerSecond,
    double FmExamplesPerCpuSecond, double ScoreCandidatesPerCpuSecond)
{
    /// <summary>The benchmark's last line: <c>recommend_bench: fm_examples_per_s=&lt;n&gt; score_candidates_per_s=&lt;n&gt;</c>.</summary>
    public override string ToString() => $"recommend_bench: fm_examples_per_s={FmExamplesPerSecond:F0} score_candidates_per_s={ScoreCandidatesPerSecond:F0}";
}
