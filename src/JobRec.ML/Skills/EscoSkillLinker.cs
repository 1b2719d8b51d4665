using System.Numerics.Tensors;
using JobRec.ML.Text;

namespace JobRec.ML.Skills;

/// <summary>Links a skill span to ESCO skills by embedding similarity: every ESCO preferred label is embedded once by a sentence encoder, and a
/// span's candidates are the labels of highest cosine to the span's embedding.</summary>
public sealed class EscoSkillLinker
{
    private readonly ITextEncoder _encoder;
    private readonly float[] _labelVectors;

    /// <summary>Embeds <paramref name="labels"/> with <paramref name="encoder"/> (L2-normalised vectors expected, as every project encoder gives).</summary>
    /// <exception cref="ArgumentException">No label.</exception>
    public EscoSkillLinker(ITextEncoder encoder, IReadOnlyList<string> labels)
    {
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        if (labels is not { Count: > 0 }) throw new ArgumentException("no ESCO skill labels", nameof(labels));
        Labels = labels;
        _labelVectors = encoder.Encode(labels);
    }

    /// <summary>Uses label vectors computed before (<see cref="EscoLabelVectorFile"/>): one row of the encoder's dimension per label, in order.</summary>
    /// <exception cref="ArgumentException">No label, or the vectors do not match the labels and the encoder's dimension.</exception>
    public EscoSkillLinker(ITextEncoder encoder, IReadOnlyList<string> labels, float[] labelVectors)
    {
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        if (labels is not { Count: > 0 }) throw new ArgumentException("no ESCO skill labels", nameof(labels));
        ArgumentNullException.ThrowIfNull(labelVectors);
        if (labelVectors.Length != (long)labels.Count * encoder.Dimension)
            throw new ArgumentException($"{labelVectors.Length} label vector values for {labels.Count} labels of dimension {encoder.Dimension}", nameof(labelVectors));
        Labels = labels;
        _labelVectors = labelVectors;
    }

    /// <summary>The embedded labels, one row of the encoder's dimension per label.</summary>
    public ReadOnlySpan<float> LabelVectors => _labelVectors;

    /// <summary>The ESCO labels linked to.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Reads one label per line (blank lines skipped), e.g. decorte_esco_skill_benchmark/skills_en_label.txt.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static List<string> ReadLabels(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"ESCO label file not found: {path}", path);
        return File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The <paramref name="k"/> labels most similar to each span, best first, with their cosine.</summary>
    public IReadOnlyList<IReadOnlyList<(string Label, float Cosine)>> Link(IReadOnlyList<string> spans, int k = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var vectors = _encoder.Encode(spans);
        int d = _encoder.Dimension, count = Labels.Count;
        var scores = new float[count];
        var result = new List<IReadOnlyList<(string, float)>>(spans.Count);
        for (int s = 0; s < spans.Count; s++)
        {
            var query = vectors.AsSpan(s * d, d);
            for (int l = 0; l < count; l++) scores[l] = TensorPrimitives.Dot(query, _labelVectors.AsSpan(l * d, d));
            var top = Enumerable.Range(0, count).OrderByDescending(l => scores[l]).ThenBy(l => l).Take(k).Select(l => (Labels[l], scores[l])).ToList();
            result.Add(top);
        }
        return result;
    }

    /// <summary>The single most similar label of each span and its cosine (ties to the earlier label), scored as one matrix product per block
    /// of 64 spans.</summary>
    public IReadOnlyList<(string Label, float Cosine)> Nearest(IReadOnlyList<string> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var result = new (string, float)[spans.Count];
        if (spans.Count == 0) return result;
        var vectors = _encoder.Encode(spans);
        int d = _encoder.Dimension, count = Labels.Count;
        const int Block = 64;
        var scores = new float[Math.Min(Block, spans.Count) * count];
        for (int first = 0; first < spans.Count; first += Block)
        {
            int rows = Math.Min(Block, spans.Count - first);
            JobRec.ML.Numerics.Blas.Sgemm(false, true, rows, count, d, 1f, vectors.AsSpan(first * d, rows * d), _labelVectors, 0f, scores);
            for (int r = 0; r < rows; r++)
            {
                var row = scores.AsSpan(r * count, count);
                int best = TensorPrimitives.IndexOfMax(row);
                result[first + r] = (Labels[best], row[best]);
            }
        }
        return result;
    }
}
