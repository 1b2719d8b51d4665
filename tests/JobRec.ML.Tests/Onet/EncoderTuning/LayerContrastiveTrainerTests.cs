using JobRec.ML.Onet.EncoderTuning;
using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Tests.Onet.EncoderTuning;

public sealed class LayerContrastiveTrainerTests(TinyTuningFixture tiny) : IClassFixture<TinyTuningFixture>
{
    private double Loss(BertLayerStack stack)
    {
        var (anchor, positive, group) = tiny.Pairs.Sample(new Random(1), 0.5f);
        stack.ZeroGradients();
        return LayerContrastiveTrainer.Step(stack, tiny.States, anchor, positive, group, TinyTuningFixture.Options.Temperature);
    }

    [Fact]
    public void A_tiny_fine_tuning_run_lowers_the_InfoNCE_loss_and_repeats_exactly_for_a_seed()
    {
        Assert.Equal(40, tiny.Pairs.AnchorText.Count);
        double before = Loss(BertLayerStack.FromOnnx(tiny.Graph, 1));
        var trained = tiny.Train(out var losses);
        double after = Loss(trained);
        Assert.Equal(TinyTuningFixture.Options.Epochs, losses.Count);
        Assert.True(after < before * 0.8, $"InfoNCE loss of a fixed set of pairs {before:F4} before, {after:F4} after training");
        Assert.True(losses[^1] < losses[0], $"epoch losses {string.Join(", ", losses.Select(l => l.ToString("F4")))}");

        var again = tiny.Train(out var lossesAgain);
        Assert.Equal(trained.Parameters, again.Parameters);
        Assert.Equal(losses, lossesAgain);
    }

    [Fact]
    public void The_loss_gradient_matches_a_finite_difference()
    {
        var stack = BertLayerStack.FromOnnx(tiny.Graph, 1);
        var (anchor, positive, group) = tiny.Pairs.Sample(new Random(2), 0.5f);
        stack.ZeroGradients();
        LayerContrastiveTrainer.Step(stack, tiny.States, anchor.AsSpan(0, 8), positive.AsSpan(0, 8), group.AsSpan(0, 8), 0.05f);
        var gradient = (float[])stack.Gradients.Clone();
        // The largest gradient entries are the best conditioned for a float32 finite difference.
        var picks = Enumerable.Range(0, gradient.Length).OrderByDescending(i => MathF.Abs(gradient[i])).Take(3).ToArray();
        foreach (var i in picks)
        {
            float saved = stack.Parameters[i];
            const float h = 1e-2f;
            stack.Parameters[i] = saved + h;
            double up = LayerContrastiveTrainer.Step(stack, tiny.States, anchor.AsSpan(0, 8), positive.AsSpan(0, 8), group.AsSpan(0, 8), 0.05f);
            stack.Parameters[i] = saved - h;
            double down = LayerContrastiveTrainer.Step(stack, tiny.States, anchor.AsSpan(0, 8), positive.AsSpan(0, 8), group.AsSpan(0, 8), 0.05f);
            stack.Parameters[i] = saved;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 0.1 * Math.Abs(gradient[i]) + 1e-4,
                $"parameter {i}: analytic {gradient[i]:G4}, finite difference {numeric:G4}");
        }
    }
}
