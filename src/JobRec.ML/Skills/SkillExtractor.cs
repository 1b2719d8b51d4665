using System.Collections.Concurrent;
using JobRec.Data.Skills;

namespace JobRec.ML.Skills;

/// <summary>The engine's skill extraction: spans from the trained <see cref="SkillTagger"/> (or, when no tagger model is loaded, from the dictionary
/// matcher), each normalised to a skill: the nearest ESCO label by embedding cosine when an <see cref="EscoSkillLinker"/> is given (kept only at
/// cosine >= <see cref="MinCosine"/>), else the dictionary's preferred name when the span resolves in the vocabulary. Thread-safe.</summary>
/// <remarks>Bad input: null, empty or whitespace text gives an empty result; text longer than the caller's limit is read up to the last word break
/// before it (<see cref="SkillExtraction.Truncated"/>); binary data (<see cref="TextInspection.Binary"/>) is not tagged and gets a warning;
/// non-English text is tagged and gets a warning. Nothing throws for text content.</remarks>
public sealed class SkillExtractor : IDisposable
{
    /// <summary>Name of the tagger model in <see cref="Model"/>.</summary>
    public const string TaggerModel = "tagger";

    /// <summary>Name of the dictionary fallback in <see cref="Model"/>.</summary>
    public const string DictionaryModel = "dictionary";

    /// <summary>Most distinct skills kept per text.</summary>
    public const int MaxSkillsPerText = 100;

    /// <summary>Default cosine a span needs to be linked to an ESCO label.</summary>
    public const float DefaultMinCosine = 0.6f;

    private const int MaxCachedLinks = 200_000;
    private readonly SkillTagger? _tagger;
    private readonly SkillVocabulary _vocabulary;
    private readonly SkillMatcher _matcher;
    private readonly EscoSkillLinker? _linker;
    private readonly ConcurrentDictionary<string, (string Label, float Cosine)> _links = new(StringComparer.Ordinal);
    private IDisposable?[]? _owned;

    /// <summary>Creates the extractor; <paramref name="tagger"/> null falls back to the dictionary matcher over <paramref name="vocabulary"/>.</summary>
    /// <param name="tagger">The span tagger, or null for the dictionary fallback.</param>
    /// <param name="vocabulary">The dictionary (fallback matcher, and span normalisation without a linker).</param>
    /// <param name="linker">Links tagged spans to ESCO labels; ignored without a tagger.</param>
    /// <param name="minCosine">Cosine a span needs to be linked.</param>
    /// <param name="reason">Why there is no tagger (shown in <see cref="Description"/>), when <paramref name="tagger"/> is null.</param>
    public SkillExtractor(SkillTagger? tagger, SkillVocabulary vocabulary, EscoSkillLinker? linker = null, float minCosine = DefaultMinCosine, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minCosine, 1f);
        _tagger = tagger;
        _vocabulary = vocabulary;
        _matcher = new SkillMatcher(vocabulary);
        _linker = tagger is null ? null : linker;
        MinCosine = minCosine;
        Description = tagger is null
            ? $"dictionary matcher ({vocabulary.Count:N0} skills, {vocabulary.SurfaceFormCount:N0} surface forms): {reason ?? "no skill tagger model loaded"}"
            : $"span tagger on {tagger.Head.EncoderName} token states{(tagger.Words.Stack is { } stack ? $" (top {stack.LayerCount} layer{(stack.LayerCount > 1 ? "s" : "")} fine-tuned)" : "")} ({(tagger.Head.Lstm > 0 ? $"{(tagger.Head.LstmLayerCount > 1 ? $"{tagger.Head.LstmLayerCount}-layer " : "")}BiLSTM {tagger.Head.Lstm}" : "feed-forward")}{(tagger.Head.Crf ? "-CRF" : "")} head), "
              + (_linker is null ? "spans normalised by the dictionary" : $"spans linked to {_linker.Labels.Count:N0} ESCO skills at cosine >= {minCosine:0.##}");
    }

    /// <summary>Hands <paramref name="resources"/> (the tagger's encoder, the linker's when it is another) to this extractor, which disposes them with itself.</summary>
    public SkillExtractor Owning(params IDisposable?[] resources)
    {
        _owned = resources;
        return this;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var resource in Interlocked.Exchange(ref _owned, null) ?? []) resource?.Dispose();
    }

    /// <summary>A dictionary-only extractor over the built-in vocabulary, saying <paramref name="reason"/>.</summary>
    public static SkillExtractor Dictionary(string reason, SkillVocabulary? vocabulary = null) => new(null, vocabulary ?? new SkillVocabulary(), reason: reason);

    /// <summary><see cref="TaggerModel"/> or <see cref="DictionaryModel"/>.</summary>
    public string Model => _tagger is null ? DictionaryModel : TaggerModel;

    /// <summary>One line saying what extracts and normalises skills (and, for the fallback, why there is no tagger).</summary>
    public string Description { get; }

    /// <summary>Cosine a span needs to be linked to an ESCO label.</summary>
    public float MinCosine { get; }

    /// <summary>The tagger model file this extractor was loaded from (set by <see cref="SkillExtractorLoader"/>), or null: no tagger, or one built in memory.</summary>
    public string? ModelFile { get; init; }

    /// <summary>The span tagger, or null for the dictionary fallback.</summary>
    internal SkillTagger? Tagger => _tagger;

    /// <summary>The tagger's head (encoder, shape, CRF), or null for the dictionary fallback.</summary>
    public SkillTaggerHead? TaggerHead => _tagger?.Head;

    /// <summary>The format version of <see cref="ModelFile"/> (set by <see cref="SkillExtractorLoader"/>), or null: no tagger, or one built in memory.</summary>
    public int? ModelFormatVersion { get; init; }

    /// <summary>Encoder layers fine-tuned with the tagger (0: the head reads the pretrained encoder's last layer, or no tagger).</summary>
    public int FineTunedLayers => _tagger?.Words.Stack?.LayerCount ?? 0;

    /// <summary>ESCO labels linked to, or 0 without a linker.</summary>
    public int EscoLabels => _linker?.Labels.Count ?? 0;

    /// <summary>Extracts from each text its first <paramref name="maxCharacters"/> characters (cut at a word break); texts are tagged in one batch.</summary>
    public IReadOnlyList<SkillExtraction> Extract(IReadOnlyList<string?> texts, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 1);
        maxCharacters = Math.Min(maxCharacters, SkillTagger.MaxTextCharacters);
        var read = new string?[texts.Count];
        var warnings = new string?[texts.Count];
        var truncated = new bool[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (text.Length > maxCharacters)
            {
                int cut = text.AsSpan(0, maxCharacters + 1).LastIndexOfAny(' ', '\n', '\t');
                text = text[..(cut > maxCharacters / 2 ? cut : maxCharacters)];
                truncated[i] = true;
            }
            var (binary, share) = TextInspection.Binary(text);
            if (binary)
            {
                warnings[i] = $"text looks like binary data ({100 * share:F0}% control or replacement characters); nothing extracted";
                continue;
            }
            warnings[i] = TextInspection.NonEnglishReason(text);
            read[i] = text;
        }

        var spans = _tagger is null ? read.Select(DictionarySpans).ToList() : Tagged(read);
        var result = new SkillExtraction[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            if (read[i] is null)
            {
                result[i] = warnings[i] is null ? SkillExtraction.Empty : SkillExtraction.Empty with { Warning = warnings[i], CharactersRead = Math.Min(texts[i]!.Length, maxCharacters), Truncated = truncated[i] };
                continue;
            }
            var skills = spans[i].Where(s => s.Skill.Length > 0).Select(s => s.Skill).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxSkillsPerText).ToList();
            result[i] = new SkillExtraction(spans[i], skills, read[i]!.Length, truncated[i], warnings[i]);
        }
        return result;
    }

    private IReadOnlyList<NormalizedSpan> DictionarySpans(string? text) => text is null ? [] :
        _matcher.FindAll(text).Select(m => new NormalizedSpan(SkillSpanKind.Knowledge, m.Start, m.Length, text.Substring(m.Start, m.Length), m.Skill, 1f)).ToList();

    private List<IReadOnlyList<NormalizedSpan>> Tagged(string?[] texts)
    {
        var found = _tagger!.ExtractAll(texts);
        // Spans worth normalising hold a letter; their lower-cased text is the link key (the encoders are uncased).
        var keys = found.SelectMany(s => s).Where(s => s.Text.Any(char.IsLetter)).Select(s => Key(s.Text)).Distinct(StringComparer.Ordinal).ToList();
        if (_linker is not null)
        {
            var missing = keys.Where(k => !_links.ContainsKey(k)).ToList();
            if (missing.Count > 0)
            {
                var nearest = _linker.Nearest(missing);
                if (_links.Count + missing.Count > MaxCachedLinks) _links.Clear();
                for (int i = 0; i < missing.Count; i++) _links[missing[i]] = nearest[i];
            }
        }
        return found.Select(spans => (IReadOnlyList<NormalizedSpan>)spans.Select(Normalize).ToList()).ToList();
    }

    private NormalizedSpan Normalize(ExtractedSpan span)
    {
        if (!span.Text.Any(char.IsLetter)) return new NormalizedSpan(span.Kind, span.Start, span.Length, span.Text, "", 0f);
        if (_linker is not null && _links.TryGetValue(Key(span.Text), out var link) && link.Cosine >= MinCosine)
            return new NormalizedSpan(span.Kind, span.Start, span.Length, span.Text, link.Label, link.Cosine);
        var resolved = _linker is null ? _vocabulary.Resolve(span.Text) : null;
        return new NormalizedSpan(span.Kind, span.Start, span.Length, span.Text, resolved ?? "", resolved is null ? 0f : 1f);
    }

    private static string Key(string span) => span.Trim().ToLowerInvariant();
}
