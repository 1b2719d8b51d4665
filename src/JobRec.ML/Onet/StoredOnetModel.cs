namespace JobRec.ML.Onet;

/// <summary>An O*NET model read back by <see cref="OnetModelFile.Load"/>: the classifier and the free-text description of what it was trained
/// from that was saved with it (e.g. which O*NET files and options), so a caller can tell whether it is still the model it wants.</summary>
/// <param name="Classifier">The classifier, re-ranker included when one was saved.</param>
/// <param name="Source">What the saver recorded about the training inputs ("" when nothing).</param>
/// <param name="SavedUtc">When the file was written (UTC, ISO 8601).</param>
public sealed record StoredOnetModel(OnetClassifier Classifier, string Source, string SavedUtc);
