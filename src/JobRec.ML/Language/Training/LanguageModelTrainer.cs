using JobRec.ML.Language.Corpus;
using JobRec.ML.Language.Model;

namespace JobRec.ML.Language.Training;

/// <summary>Trains a <see cref="TransformerModel"/> on a <see cref="TokenCorpus"/> with AdamW, global-norm clipping and a warm-up + cosine schedule.</summary>
public static class LanguageModelTrainer
{
    private const int ScheduleFitStep = 4;
    private const int ScheduleRefitEvery = 20;

    /// <summary>Runs <see cref="TrainingOptions.Steps"/> steps (or until the time limit or cancellation) and returns what was done.</summary>
    /// <exception cref="ArgumentException">The sequence length exceeds the model's context.</exception>
    public static TrainingResult Train(TransformerModel model, TokenCorpus corpus, TrainingOptions options,
        IProgress<TrainingStep>? progress = null, CancellationToken cancellationToken = default)
    {
        int batch = options.BatchSize, seqLen = options.SequenceLength;
        if (seqLen > model.Config.ContextLength) throw new ArgumentException($"SequenceLength {seqLen} exceeds the model context {model.Config.ContextLength}", nameof(options));
        var optimizer = new AdamWOptimizer(model.Layout, weightDecay: options.WeightDecay);
        LearningRateSchedule schedule = new LearningRateSchedule(options.LearningRate, options.WarmupSteps, options.Steps);
        var rng = new Random(options.Seed);
        var inputs = new int[batch * seqLen];
        var targets = new int[batch * seqLen];
        var started = options.Clock.GetTimestamp();
        TimeSpan Elapsed() => options.Clock.GetElapsedTime(started);
        float firstLoss = float.NaN, windowLoss = 0, lastWindow = float.NaN;
        int windowSteps = 0, step = 0;
        for (; step < options.Steps; step++)
        {
            if (cancellationToken.IsCancellationRequested) break;
            if (options.TimeLimit is { } limit && Elapsed() >= limit) break;
            for (int b = 0; b < batch; b++)
                corpus.SampleWindow(rng, inputs.AsSpan(b * seqLen, seqLen), targets.AsSpan(b * seqLen, seqLen));
            float loss = model.Forward(inputs, targets, batch, seqLen);
            if (step == 0) firstLoss = loss;
            model.Backward();
            float norm = GradientClipping.ClipByGlobalNorm(model.Gradients, options.MaxGradientNorm);
            float rate = schedule.RateAt(step);
            optimizer.Update(model.Parameters, model.Gradients, rate);
            if (step >= ScheduleFitStep && (step - ScheduleFitStep) % ScheduleRefitEvery == 0 && options.TimeLimit is { } budget)
            {
                // fit the cosine to the steps that the time budget allows, so a time-limited run still decays; refitted as the
                // measured step time settles (the first steps pay for JIT and allocation, and a shared machine's speed drifts)
                int affordable = (int)Math.Min(int.MaxValue, budget.TotalSeconds / (Elapsed().TotalSeconds / (step + 1)));
                int total = Math.Max(step + 2, Math.Min(options.Steps, affordable));
                schedule = step == ScheduleFitStep
                    ? schedule with { TotalSteps = total, WarmupSteps = Math.Min(schedule.WarmupSteps, Math.Max(1, total / 10)) }
                    : schedule with { TotalSteps = total };
            }
            windowLoss += loss;
            windowSteps++;
            if (options.LogEvery > 0 && (step + 1) % options.LogEvery == 0)
            {
                lastWindow = windowLoss / windowSteps;
                progress?.Report(new TrainingStep(step + 1, lastWindow, rate, norm, (double)(step + 1) * batch * seqLen / Elapsed().TotalSeconds));
                windowLoss = 0;
                windowSteps = 0;
            }
        }
        if (windowSteps > 0) lastWindow = windowLoss / windowSteps;
        return new TrainingResult(step, (long)step * batch * seqLen, Elapsed(), firstLoss, lastWindow);
    }
}
