namespace JobRec.ML.Language.Training;

/// <summary>Linear warm-up to a peak learning rate, then cosine decay to a floor at the last step.</summary>
/// <param name="PeakRate">Learning rate at the end of warm-up.</param>
/// <param name="WarmupSteps">Steps of linear warm-up.</param>
/// <param name="TotalSteps">Step at which the cosine reaches the floor.</param>
/// <param name="FloorFraction">Floor as a fraction of the peak.</param>
public sealed record LearningRateSchedule(float PeakRate, int WarmupSteps, int TotalSteps, float FloorFraction = 0.1f)
{
    /// <summary>The learning rate for zero-based step <paramref name="step"/>.</summary>
    public float RateAt(int step)
    {
        if (step < WarmupSteps) return PeakRate * (step + 1) / WarmupSteps;
        if (step >= TotalSteps) return PeakRate * FloorFraction;
        double progress = (double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps);
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));
        return (float)(PeakRate * (FloorFraction + (1 - FloorFraction) * cosine));
    }
}
