namespace JobRec.ML.Language.Training;

/// <summary>One progress report of a language-model training run (per optimizer step; the recommenders report <see cref="JobRec.ML.Recommenders.TrainingProgress"/>).</summary>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="Loss">Mean training loss since the last report.</param>
/// <param name="LearningRate">Current learning rate.</param>
/// <param name="GradientNorm">Gradient norm before clipping at this step.</param>
/// <param name="TokensPerSecond">Training throughput since the start.</param>
public readonly record struct TrainingStep(int Step, float Loss, float LearningRate, float GradientNorm, double TokensPerSecond);
