namespace JobRec.ML.Language.Training;

/// <summary>One progress report of a training run.</summary>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="Loss">Mean training loss since the last report.</param>
/// <param name="LearningRate">Current learning rate.</param>
/// <param name="GradientNorm">Gradient norm before clipping at this step.</param>
/// <param name="TokensPerSecond">Training throughput since the start.</param>
public readonly record struct TrainingProgress(int Step, float Loss, float LearningRate, float GradientNorm, double TokensPerSecond);
