namespace JobRec.ML.Language.Training;

/// <summary>What a training run did.</summary>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="Tokens">Tokens processed (batch x length x steps).</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="FirstLoss">Loss of the first step.</param>
/// <param name="FinalLoss">Mean loss of the last logged window.</param>
public readonly record struct TrainingResult(int Steps, long Tokens, TimeSpan Elapsed, float FirstLoss, float FinalLoss)
{
    /// <summary>Training throughput.</summary>
    public double TokensPerSecond => Tokens / Math.Max(1e-9, Elapsed.TotalSeconds);
}
