using JobRec.Data.Model;
using JobRec.Evaluation.Corpus;

namespace JobRec.Evaluation.Splits;

/// <summary>A train/test division of a corpus: models see <see cref="Train"/> (and all content), and are judged on <see cref="Tests"/>.</summary>
/// <param name="Name">Split kind ("leave-last-out", "temporal", "cold", "given-test").</param>
/// <param name="Corpus">The corpus (catalog and content of all users and jobs).</param>
/// <param name="Train">Training interactions.</param>
/// <param name="Tests">Evaluated users.</param>
public sealed record EvaluationSplit(string Name, InteractionCorpus Corpus, IReadOnlyList<Interaction> Train, IReadOnlyList<TestCase> Tests);
