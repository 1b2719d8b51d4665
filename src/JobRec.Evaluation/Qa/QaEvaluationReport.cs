using System.Globalization;
using System.Text;
using JobRec.ML.Language.Training;

namespace JobRec.Evaluation.Qa;

/// <summary>Everything one QA evaluation measured, printable as a markdown table ending in the one-line summary.</summary>
public sealed record QaEvaluationReport
{
    /// <summary>Postings used for training.</summary>
    public int TrainPostings { get; init; }
    /// <summary>Held-out postings.</summary>
    public int HeldOutPostings { get; init; }
    /// <summary>Training run, when the model was trained in this run.</summary>
    public TrainingResult? Training { get; init; }
    /// <summary>Tokens in the training corpus.</summary>
    public long CorpusTokens { get; init; }
    /// <summary>Transformer perplexity on held-out posting text.</summary>
    public double Perplexity { get; init; }
    /// <summary>Unigram baseline perplexity on the same tokens.</summary>
    public double UnigramPerplexity { get; init; }
    /// <summary>Target tokens perplexity was measured on.</summary>
    public long PerplexityTokens { get; init; }
    /// <summary>Share of questions whose top retrieved posting is the one the question was built from.</summary>
    public double RetrievalAccuracy { get; init; }
    /// <summary>Overall row first, then one row per question kind.</summary>
    public IReadOnlyList<QaMetricRow> Rows { get; init; } = [];
    /// <summary>A few predictions to look at.</summary>
    public IReadOnlyList<QaPrediction> Samples { get; init; } = [];

    /// <summary>The required last line: <c>qa: perplexity=.. exact_match=.. token_f1=.. rougeL=.. extractive_token_f1=..</c>.</summary>
    public string SummaryLine()
    {
        var all = Rows[0];
        return string.Create(CultureInfo.InvariantCulture,
            $"qa: perplexity={Perplexity:F2} exact_match={all.ExactMatch:F4} token_f1={all.TokenF1:F4} rougeL={all.RougeL:F4} extractive_token_f1={all.ExtractiveTokenF1:F4}");
    }

    /// <summary>Markdown tables of the report followed by <see cref="SummaryLine"/>.</summary>
    public override string ToString()
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"postings: train {TrainPostings}, held-out {HeldOutPostings}; corpus tokens {CorpusTokens}");
        if (Training is { } t)
            s.AppendLine(inv, $"training: {t.Steps} steps, {t.Tokens} tokens in {t.Elapsed.TotalSeconds:F0} s ({t.TokensPerSecond:F0} tokens/s), loss {t.FirstLoss:F3} -> {t.FinalLoss:F3}");
        s.AppendLine(inv, $"perplexity on {PerplexityTokens} held-out tokens: transformer {Perplexity:F2}, unigram baseline {UnigramPerplexity:F2}");
        s.AppendLine(inv, $"retrieval (lexical stand-in) top-1 hits the question's posting: {RetrievalAccuracy:P1}");
        s.AppendLine();
        s.AppendLine("| questions | n | EM | token F1 | BLEU-4 | ROUGE-L | METEOR | extractive EM | extractive F1 | extractive BLEU-4 | extractive ROUGE-L | extractive METEOR |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in Rows)
            s.AppendLine(inv, $"| {r.Group} | {r.Questions} | {r.ExactMatch:F3} | {r.TokenF1:F3} | {r.Bleu4:F3} | {r.RougeL:F3} | {r.Meteor:F3} | {r.ExtractiveExactMatch:F3} | {r.ExtractiveTokenF1:F3} | {r.ExtractiveBleu4:F3} | {r.ExtractiveRougeL:F3} | {r.ExtractiveMeteor:F3} |");
        s.AppendLine();
        foreach (var p in Samples)
            s.AppendLine(inv, $"Q: {p.Example.Question}\n   reference: {p.Example.Answer}\n   model:     {p.ModelAnswer}\n   extractive: {p.ExtractiveAnswer}");
        s.Append(SummaryLine());
        return s.ToString();
    }
}
