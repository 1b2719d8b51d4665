using System.Globalization;
using JobRec.Evaluation.Runner;
using JobRec.Evaluation.Splits;
using JobRec.ML.Recommenders;
using JobRec.ML.Text;

namespace JobRec.Evaluation.Tuning;

/// <summary>
/// Chooses the factorization machine's hyper-parameters by MAP@10 on a validation split carved from the training data
/// (<see cref="ValidationSplitter"/>): every grid point trains the FM on the validation training part and ranks the
/// validation users; the test split is never touched.
/// </summary>
public sealed class FmHyperParameterTuner(TextWriter? log = null)
{
    /// <summary>The default grid: epochs x learning rate x cold-start example share (factors, negatives, regularisation as given).</summary>
    public static IReadOnlyList<FmTrainingOptions> Grid(FmTrainingOptions baseline) =>
        [.. from epochs in new[] { 10, 30 }
            from rate in new[] { 0.01f, 0.03f }
            from cold in new[] { 0.25f, 0.5f }
            select baseline with { Epochs = epochs, LearningRate = rate, ColdStartShare = cold }];

    /// <summary>Runs the grid on the validation split of <paramref name="split"/> and returns the best options and a one-line account.</summary>
    /// <param name="split">The evaluation split; only its training interactions are used.</param>
    /// <param name="encoder">Text encoder of the FM's text features (null for none).</param>
    /// <param name="grid">Candidate options; all must share the seed and threads of the run.</param>
    /// <param name="seed">Seed of the validation carve.</param>
    /// <exception cref="ArgumentException">The grid is empty.</exception>
    public (FmTrainingOptions Best, string Account) Tune(EvaluationSplit split, ITextEncoder? encoder, IReadOnlyList<FmTrainingOptions> grid, int seed = 1)
    {
        if (grid.Count == 0) throw new ArgumentException("the tuning grid is empty", nameof(grid));
        var validation = ValidationSplitter.Carve(split, seed);
        var evaluator = new RecommendationEvaluator();
        var scored = new List<(FmTrainingOptions Options, double Map)>();
        foreach (var options in grid)
        {
            var spec = new ModelSpec("fm", false, () => new FactorizationMachineRecommender(encoder, options));
            var result = evaluator.Evaluate(validation, [spec], [RecommendationEvaluator.SummaryK], seed);
            double map = result.Models[0].Metric("map@10");
            scored.Add((options, map));
            log?.WriteLine($"[tune] {Describe(options)}: validation map@10={map:F4} ({validation.Tests.Count} users)");
        }
        // Highest MAP@10; ties go to the earlier (cheaper) grid point.
        var best = scored.Select((s, i) => (s, i)).OrderByDescending(x => x.s.Map).ThenBy(x => x.i).First().s;
        string account = string.Create(CultureInfo.InvariantCulture,
            $"FM hyper-parameters chosen on a `{validation.Name}` split of the training data only ({validation.Tests.Count} users, {grid.Count} grid points): {Describe(best.Options)}, validation MAP@10 {best.Map:F4} (grid range {scored.Min(s => s.Map):F4}-{scored.Max(s => s.Map):F4}).");
        return (best.Options, account);
    }

    /// <summary>The tuned values of the options as "epochs=30 lr=0.01 cold=0.25 k=32".</summary>
    public static string Describe(FmTrainingOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"epochs={o.Epochs} lr={o.LearningRate:0.###} cold={o.ColdStartShare:0.##} k={o.Factors}");
}
