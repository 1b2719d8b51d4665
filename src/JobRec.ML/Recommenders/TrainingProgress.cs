namespace JobRec.ML.Recommenders;

/// <summary>A progress report from a recommender's training.</summary>
/// <param name="Model">The recommender's name.</param>
/// <param name="Stage">What it is doing ("epoch 3/10", "encoding jobs").</param>
/// <param name="Fraction">Share of the training done, 0..1.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="Detail">Extra numbers such as loss or examples per second; may be empty.</param>
public readonly record struct TrainingProgress(string Model, string Stage, double Fraction, TimeSpan Elapsed, string Detail);
