namespace JobRec.ML.Text.FineTuning;

/// <summary>A positive (anchor, target) text pair for contrastive training, with its source and a group (pairs of one group are not each other's negatives).</summary>
public sealed record TrainingPair(string Anchor, string Positive, string Source, string Group);
