using JobRec.Contracts.Inference;

namespace JobRec.Grains.Inference;

/// <summary>Classifies a posting into an O*NET occupation; thread-safe.</summary>
public interface IOccupationClassifier
{
    /// <summary>The best occupation for each (title, description) pair, in order; Code is empty when nothing fits.</summary>
    IReadOnlyList<OccupationMatch> Classify(IReadOnlyList<(string Title, string Description)> postings);

    /// <summary>The title of an O*NET code, or empty when unknown.</summary>
    string TitleOf(string code);
}
