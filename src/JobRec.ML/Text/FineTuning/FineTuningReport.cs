using System.Globalization;
using System.Text;

namespace JobRec.ML.Text.FineTuning;

/// <summary>Retrieval quality on validation pairs before and after fine-tuning, overall and per pair source.</summary>
public sealed record FineTuningReport(int TrainPairs, int ValidationPairs, IReadOnlyList<FineTuningReport.Row> Rows)
{
    /// <summary>Recall@1, recall@10 and MRR of anchors retrieving their positive among all distinct validation positives of the same source.</summary>
    public sealed record Row(string Source, int Pairs, int Candidates, double Recall1Before, double Recall10Before, double MrrBefore,
        double Recall1After, double Recall10After, double MrrAfter);

    /// <summary>A table, one line per source, and the summary line <c>finetune: pairs=.. r1_before=.. r1_after=.. mrr_before=.. mrr_after=..</c> (pair-weighted means).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine("source        pairs  candidates  R@1 before  R@1 after  R@10 before  R@10 after  MRR before  MRR after");
        foreach (var r in Rows)
            sb.AppendLine(string.Create(c, $"{r.Source,-12} {r.Pairs,6} {r.Candidates,11} {r.Recall1Before,11:F4} {r.Recall1After,10:F4} {r.Recall10Before,12:F4} {r.Recall10After,11:F4} {r.MrrBefore,11:F4} {r.MrrAfter,10:F4}"));
        double total = Rows.Sum(r => r.Pairs);
        double W(Func<Row, double> f) => total == 0 ? 0 : Rows.Sum(r => f(r) * r.Pairs) / total;
        sb.Append(string.Create(c, $"finetune: train_pairs={TrainPairs} val_pairs={ValidationPairs} r1_before={W(r => r.Recall1Before):F4} r1_after={W(r => r.Recall1After):F4} mrr_before={W(r => r.MrrBefore):F4} mrr_after={W(r => r.MrrAfter):F4}"));
        return sb.ToString();
    }
}
