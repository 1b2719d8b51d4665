using JobRec.Contracts.Skills;
using JobRec.Grains.Hosting;
using JobRec.ML.Skills;
using ContractKind = JobRec.Contracts.Skills.SkillSpanKind;

namespace JobRec.Grains.Inference;

/// <summary>The silo-wide skill extractor behind a <see cref="MicroBatcher{TItem, TResult}"/>: texts of concurrent requests (job and user
/// upserts, imports, <c>POST /skills/extract</c>) are tagged in one model call. Owns the extractor.</summary>
public sealed class SkillExtractionPool : IAsyncDisposable
{
    private readonly MicroBatcher<(string Text, int MaxCharacters), SkillExtractResponse> _batcher;
    private readonly SkillExtractor? _import;
    private readonly int _importCharacters;

    /// <summary>Puts <paramref name="extractor"/> behind a batcher sized by <paramref name="options"/>.</summary>
    public SkillExtractionPool(SkillExtractor extractor, ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(options);
        Extractor = extractor;
        _importCharacters = options.SkillImportCharacters;
        _import = options.SkillImportCharacters <= 0 || options.SkillImport == SkillImportMode.Off ? null
            : options.SkillImport == SkillImportMode.Dictionary && extractor.Model != SkillExtractor.DictionaryModel ? SkillExtractor.Dictionary("dictionary at import")
            : extractor;
        Info = new SkillModelInfo(extractor.Model, extractor.Description, extractor.EscoLabels, options.SkillUpsertCharacters, options.SkillImportCharacters,
            _import?.Model ?? "off");
        _batcher = new MicroBatcher<(string, int), SkillExtractResponse>(Run, options.BatchWindow, options.MaxBatch);
    }

    /// <summary>The extractor.</summary>
    public SkillExtractor Extractor { get; }

    /// <summary>What extracts skills, for the API.</summary>
    public SkillModelInfo Info { get; }

    /// <summary>Batches run so far and texts extracted.</summary>
    public (long Batches, long Items) Statistics => (_batcher.Batches, _batcher.Items);

    /// <summary>Extracts from each text its first <paramref name="maxCharacters"/> characters through the batcher.</summary>
    public Task<SkillExtractResponse[]> ExtractAsync(IReadOnlyList<string> texts, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 1);
        return _batcher.SubmitAsync(texts.Select(t => (t ?? "", maxCharacters)).ToList());
    }

    /// <summary>Extracts for bulk import per <see cref="ServingOptions.SkillImport"/> and <see cref="ServingOptions.SkillImportCharacters"/>: the
    /// tagger through the batcher, the dictionary inline; an empty array when import extraction is off.</summary>
    public Task<SkillExtractResponse[]> ExtractForImportAsync(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (_import is null)
        {
            return Task.FromResult<SkillExtractResponse[]>([]);
        }

        if (!ReferenceEquals(_import, Extractor))
        {
            return Task.FromResult(_import.Extract(texts.Select(t => (string?)t).ToList(), _importCharacters).Select(e => ToContract(e, _import.Model)).ToArray());
        }

        return ExtractAsync(texts, _importCharacters);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _batcher.DisposeAsync().ConfigureAwait(false);
        Extractor.Dispose();
    }

    private SkillExtractResponse[] Run(IReadOnlyList<(string Text, int MaxCharacters)> items)
    {
        var result = new SkillExtractResponse[items.Count];
        foreach (var group in Enumerable.Range(0, items.Count).GroupBy(i => items[i].MaxCharacters))
        {
            var indexes = group.ToList();
            var extracted = Extractor.Extract(indexes.Select(i => (string?)items[i].Text).ToList(), group.Key);
            for (var n = 0; n < indexes.Count; n++)
            {
                result[indexes[n]] = ToContract(extracted[n], Extractor.Model);
            }
        }

        return result;
    }

    private static SkillExtractResponse ToContract(SkillExtraction e, string model) => new(
        e.Spans.Select(s => new SkillSpan((ContractKind)(int)s.Kind, s.Start, s.Length, s.Text, s.Skill, s.Similarity)).ToList(),
        e.Skills, model, e.CharactersRead, e.Truncated, e.Warning);
}
