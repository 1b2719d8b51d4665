using JobRec.Data.Readers.Onet;
using JobRec.Contracts.Inference;
using JobRec.Grains.Inference;
using JobRec.ML.Onet;
using JobRec.ML.Text;

namespace JobRec.Grains.Occupations;

/// <summary>The serving <see cref="IOccupationClassifier"/> over a trained <see cref="OnetClassifier"/>: the best O*NET occupation of each posting's
/// title and description, re-ranked when the model carries a re-ranker.</summary>
public sealed class OnetOccupationClassifier : IOccupationClassifier
{
    private readonly OnetClassifier _classifier;
    private readonly IReadOnlyDictionary<string, string> _titles;

    /// <summary>Wraps <paramref name="classifier"/>; <paramref name="occupationTitles"/> maps every code it can return to its title.</summary>
    public OnetOccupationClassifier(OnetClassifier classifier, IReadOnlyDictionary<string, string> occupationTitles)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(occupationTitles);
        _classifier = classifier;
        _titles = occupationTitles;
    }

    /// <summary>Wraps <paramref name="classifier"/>, naming each code by the title of the classifier's own occupation.</summary>
    public OnetOccupationClassifier(OnetClassifier classifier)
        : this(classifier, TitlesOf(classifier))
    {
    }

    /// <summary>Number of occupations the classifier chooses from.</summary>
    public int Occupations => _titles.Count;

    /// <summary>The trained model (to save it with <see cref="OnetModelFile.Save"/>).</summary>
    public OnetClassifier Model => _classifier;

    /// <summary>Whether postings are ranked by the model's re-ranker (else by the fused score).</summary>
    public bool Reranked => _classifier.Reranker is not null;

    /// <summary>Trains a classifier from ONET.OccupationData.tsv and ONET.AlternateTitles.tsv in <paramref name="onetDirectory"/>; <paramref name="maxTrainingTitles"/>
    /// (0 = all) keeps every n-th alternate title so that at most that many train. With <see cref="OnetClassifierOptions.Rerank"/> the weights and a re-ranker are
    /// tuned first (<see cref="OnetModelTraining"/>: about five trainings instead of one); <paramref name="progress"/> receives progress lines.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">One of the two O*NET files is missing.</exception>
    /// <exception cref="FormatException">A file is malformed; the message gives file:line.</exception>
    public static OnetOccupationClassifier Train(string onetDirectory, ITextEncoder encoder, OnetClassifierOptions? options = null, int maxTrainingTitles = 0,
        Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTrainingTitles);
        if (!Directory.Exists(onetDirectory))
        {
            throw new DirectoryNotFoundException($"O*NET folder '{onetDirectory}' does not exist");
        }

        var occupations = OnetSource.LoadOccupations(Path.Combine(onetDirectory, OccupationFile));
        var titles = OnetSource.LoadAlternateTitles(Path.Combine(onetDirectory, AlternateTitlesFile));
        if (maxTrainingTitles > 0 && titles.Count > maxTrainingTitles)
        {
            var stride = (titles.Count + maxTrainingTitles - 1) / maxTrainingTitles;
            titles = titles.Where((_, i) => i % stride == 0).ToList();
        }

        var (classifier, _) = OnetModelTraining.Train(occupations, titles, encoder, options, progress);
        return new OnetOccupationClassifier(classifier);
    }

    /// <summary>The classifier saved at <paramref name="path"/> by <see cref="OnetModelFile.Save"/>, querying through <paramref name="encoder"/> (the encoder it was trained with).</summary>
    /// <exception cref="FileNotFoundException">No file at the path.</exception>
    /// <exception cref="InvalidDataException">Not an O*NET model file, or truncated or corrupt (the message names the file and offset).</exception>
    /// <exception cref="OnetModelEncoderMismatchException">The model was trained with another encoder.</exception>
    public static OnetOccupationClassifier Load(string path, ITextEncoder encoder) => new(OnetModelFile.Load(path, encoder).Classifier);

    /// <summary>Occupation file read from the O*NET folder.</summary>
    public const string OccupationFile = "ONET.OccupationData.tsv";

    /// <summary>Alternate-title file read from the O*NET folder.</summary>
    public const string AlternateTitlesFile = "ONET.AlternateTitles.tsv";

    /// <inheritdoc />
    public IReadOnlyList<OccupationMatch> Classify(IReadOnlyList<(string Title, string Description)> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        if (postings.Count == 0)
        {
            return [];
        }

        var predictions = _classifier.Classify(postings.Select(p => p.Title ?? "").ToList(), 1, postings.Select(p => p.Description ?? "").ToList());
        return predictions.Select((top, i) => string.IsNullOrWhiteSpace(postings[i].Title) || top.Count == 0
            ? new OccupationMatch("", "", 0f)
            : new OccupationMatch(top[0].Code, top[0].Title, top[0].Score)).ToList();
    }

    /// <inheritdoc />
    public string TitleOf(string code) => code is not null && _titles.TryGetValue(code, out var title) ? title : "";

    private static Dictionary<string, string> TitlesOf(OnetClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in classifier.Occupations)
        {
            names.TryAdd(o.Code, o.Title);
        }

        return names;
    }
}
