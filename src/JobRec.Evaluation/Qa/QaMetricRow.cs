namespace JobRec.Evaluation.Qa;

/// <summary>Answer-quality means over one group of questions, for the model and the extractive baseline.</summary>
/// <param name="Group">"all" or a question kind.</param>
/// <param name="Questions">Number of questions.</param>
/// <param name="ExactMatch">Model exact match.</param>
/// <param name="TokenF1">Model token F1.</param>
/// <param name="Bleu4">Model corpus BLEU-4.</param>
/// <param name="RougeL">Model ROUGE-L F1.</param>
/// <param name="Meteor">Model METEOR (exact matching).</param>
/// <param name="ExtractiveExactMatch">Baseline exact match.</param>
/// <param name="ExtractiveTokenF1">Baseline token F1.</param>
/// <param name="ExtractiveBleu4">Baseline corpus BLEU-4.</param>
/// <param name="ExtractiveRougeL">Baseline ROUGE-L F1.</param>
/// <param name="ExtractiveMeteor">Baseline METEOR.</param>
public sealed record QaMetricRow(string Group, int Questions, double ExactMatch, double TokenF1, double Bleu4, double RougeL, double Meteor,
    double ExtractiveExactMatch, double ExtractiveTokenF1, double ExtractiveBleu4, double ExtractiveRougeL, double ExtractiveMeteor);
