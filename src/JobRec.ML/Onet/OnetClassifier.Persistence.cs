using JobRec.Data.Model;
using JobRec.ML.Text;
using JobRec.ML.Text.FineTuning;
using JobRec.ML.Text.UseLite;

namespace JobRec.ML.Onet;

/// <summary>Writing and reading the trained state of an <see cref="OnetClassifier"/> (the payload of <see cref="OnetModelFile"/>).</summary>
public sealed partial class OnetClassifier
{
    /// <summary>Texts encoded at save time and again at load time, to prove the query encoder is the one the stored vectors came from.</summary>
    private static readonly string[] EncoderProbes =
    [
        "Registered Nurse", "senior backend software engineer", "heavy truck driver, long haul", "kindergarten teacher assistant",
    ];

    /// <summary>Lowest cosine between a probe's stored and fresh embedding that counts as the same encoder.</summary>
    private const float ProbeCosine = 0.9999f;

    /// <summary>Writes every section of the model: occupations, weights, encoder probes, projection head, title entries and vectors,
    /// learned classifiers, fine-tuned encoder classifier, n-gram index and reranker.</summary>
    internal void WriteTo(OnetModelWriter writer)
    {
        int d = _encoder.Dimension;
        writer.Section("OCCU");
        writer.Int32(_occupations.Count);
        foreach (var o in _occupations)
        {
            writer.String(o.Code);
            writer.String(o.Title);
            writer.String(o.Description);
        }

        writer.Section("WGHT");
        var w = _options.Weights;
        foreach (var v in new[] { w.Semantic, w.Description, w.Lexical, w.Classifier, w.Vote }) writer.Single(v);
        writer.Int32(_options.RerankCandidates);
        writer.Int32(Vote.Neighbours);
        writer.Single(Vote.Temperature);

        writer.Section("ENCD");
        writer.Int32(d);
        writer.Strings(EncoderProbes);
        writer.Floats(_encoder.Encode(EncoderProbes));
        writer.String(EncoderIdentity.Of(_encoder));

        writer.Section("HEAD");
        writer.Boolean(_head is not null);
        if (_head is not null) writer.Floats(_head.Weights);

        writer.Section("TITL");
        writer.Strings(_titleTexts);
        writer.Ints(_titleOccupation);
        writer.Floats(_titleVectors);
        writer.Floats(_descriptionVectors);

        writer.Section("CLSF");
        writer.Int32(_classifier.Length);
        foreach (var c in _classifier) c.WriteTo(writer);

        writer.Section("ETUN");
        writer.Boolean(_tuned is not null);
        if (_tuned is not null)
        {
            writer.Single(_options.EncoderClassifierShare);
            writer.Int32(_tuned.MaxTokens);
            writer.Floats(_tuned.Parameters.Encoder);
            writer.Floats(_tuned.Parameters.Head);
        }

        writer.Section("NGRM");
        _lexical.WriteTo(writer);

        writer.Section("RRNK");
        writer.Boolean(_reranker is not null);
        _reranker?.WriteTo(writer);
        writer.Section("END.");
    }

    /// <summary>Reads a model written by <see cref="WriteTo"/>, querying through <paramref name="encoder"/>.</summary>
    /// <exception cref="InvalidDataException">A section is missing, out of order or inconsistent.</exception>
    /// <exception cref="OnetModelEncoderMismatchException"><paramref name="encoder"/> is not the encoder the model was trained with.</exception>
    internal static OnetClassifier ReadFrom(OnetModelReader reader, ITextEncoder encoder)
    {
        reader.Section("OCCU");
        int c = reader.Int32("occupation count", 1, 1 << 20);
        var occupations = new Occupation[c];
        for (int o = 0; o < c; o++)
            occupations[o] = new Occupation(reader.String($"code of occupation {o}"), reader.String($"title of occupation {o}"), reader.String($"description of occupation {o}"));

        reader.Section("WGHT");
        var weights = new OnetFusionWeights(reader.Single("semantic weight"), reader.Single("description weight"), reader.Single("lexical weight"),
            reader.Single("classifier weight"), reader.Single("vote weight"));
        int candidates = reader.Int32("re-ranked candidates", 1, 1 << 20);
        int voteNeighbours = reader.Int32("vote neighbours", 1, 1 << 20);
        float voteTemperature = reader.Single("vote temperature");
        if (!(voteTemperature > 0) || float.IsInfinity(voteTemperature)) throw reader.Error($"vote temperature {voteTemperature} is not a positive number");

        reader.Section("ENCD");
        int d = reader.Int32("encoder dimension", 1, 1 << 16);
        var probes = reader.Strings("encoder probe texts");
        var stored = reader.Floats("encoder probe vectors", (long)probes.Length * d);
        CheckIdentity(reader.Path, encoder, reader.String("encoder identity"));
        CheckEncoder(reader.Path, encoder, d, probes, stored);

        reader.Section("HEAD");
        ProjectionHead? head = null;
        if (reader.Boolean("projection head present"))
        {
            head = new ProjectionHead(d);
            reader.Floats("projection head weights", (long)d * d).CopyTo(head.Weights, 0);
        }

        reader.Section("TITL");
        var titles = reader.Strings("title entries");
        if (titles.Length < c) throw reader.Error($"{titles.Length} title entries, fewer than the {c} occupation titles");
        var owner = reader.Ints("title entry occupations", titles.Length, 0, c - 1);
        for (int o = 0; o < c; o++)
            if (owner[o] != o || titles[o] != occupations[o].Title) throw reader.Error($"title entry {o} is not the title of occupation {o}");
        var titleVectors = reader.Floats("title vectors", (long)titles.Length * d);
        var descriptionVectors = reader.Floats("description vectors", (long)c * d);

        reader.Section("CLSF");
        var classifier = new SubwordTitleClassifier[reader.Int32("classifier count", 0, 64)];
        for (int i = 0; i < classifier.Length; i++) classifier[i] = SubwordTitleClassifier.ReadFrom(reader, c, d);

        reader.Section("ETUN");
        EncoderTitleClassifier? tuned = null;
        float share = new OnetClassifierOptions().EncoderClassifierShare;
        if (reader.Boolean("fine-tuned encoder classifier present"))
        {
            share = reader.Single("fine-tuned encoder classifier share");
            if (!(share is >= 0 and <= 1)) throw reader.Error($"fine-tuned encoder classifier share {share} is outside [0, 1]");
            int maxTokens = reader.Int32("fine-tuned encoder classifier max tokens", 1, UseLiteEncoder.MaxTokens);
            var useLite = UseLiteOf(encoder) ?? throw new OnetModelEncoderMismatchException(reader.Path,
                $"the model holds a fine-tuned USE-Lite classifier, the encoder given is {encoder.GetType().Name}");
            var encoderWeights = reader.Floats("fine-tuned encoder weights", TrainableUseLite.ParameterCount(useLite));
            var headWeights = reader.Floats("fine-tuned encoder softmax", (long)(TrainableUseLite.OutputDim + 1) * c);
            tuned = EncoderTitleClassifier.FromParameters(useLite, encoderWeights, headWeights, c, maxTokens);
        }

        reader.Section("NGRM");
        var lexical = NgramTitleIndex.ReadFrom(reader, c);

        reader.Section("RRNK");
        var reranker = reader.Boolean("reranker present") ? OnetReranker.ReadFrom(reader, RerankFeatures.Count) : null;
        reader.Section("END.");
        reader.End();

        var options = new OnetClassifierOptions(FineTuneHead: head is not null, Rerank: reranker is not null, Reranker: new RerankerOptions(Candidates: candidates),
            EncoderClassifierShare: share, Vote: new VoteSettings(voteNeighbours, voteTemperature)).With(weights);
        var profiles = new OccupationProfiles(occupations.Select(o => o.Code).ToArray(), titles, owner);
        return new OnetClassifier(encoder, head, occupations, titles, titleVectors, owner, descriptionVectors, classifier, lexical, options, profiles, reranker, tuned);
    }

    /// <summary>Refuses an encoder whose model file differs from the one the model was trained with, when both are known
    /// (<see cref="EncoderIdentity"/>: name and model.onnx SHA-256); an encoder without a model file is checked by its probe vectors only.</summary>
    private static void CheckIdentity(string path, ITextEncoder encoder, string stored)
    {
        var given = EncoderIdentity.Of(encoder);
        if (stored.Length == 0 || given.Length == 0 || string.Equals(stored, given, StringComparison.Ordinal)) return;
        throw new OnetModelEncoderMismatchException(path, $"the model was trained with the encoder '{Short(stored)}', the encoder given is '{Short(given)}'");
    }

    private static string Short(string identity) => identity.IndexOf("sha256=", StringComparison.Ordinal) is >= 0 and var at && identity.Length > at + 19
        ? identity[..(at + 19)] + "…" : identity;

    private static void CheckEncoder(string path, ITextEncoder encoder, int dimension, string[] probes, float[] stored)
    {
        if (encoder.Dimension != dimension)
            throw new OnetModelEncoderMismatchException(path,
                $"the model was trained with a {dimension}-d text encoder, the encoder given returns {encoder.Dimension}-d vectors");
        var fresh = encoder.Encode(probes);
        for (int p = 0; p < probes.Length; p++)
        {
            float cosine = Numerics.MatrixRows.Cosine(stored.AsSpan(p * dimension, dimension), fresh.AsSpan(p * dimension, dimension));
            if (!(cosine >= ProbeCosine))
                throw new OnetModelEncoderMismatchException(path,
                    $"the encoder given embeds the probe text '{probes[p]}' with cosine {cosine:F4} to the embedding stored at training time (needs {ProbeCosine}); it is another encoder");
        }
    }
}
