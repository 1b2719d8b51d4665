using JobRec.Contracts.Skills;
using JobRec.Grains.Hosting;
using JobRec.ML.Skills;
using ContractKind = JobRec.Contracts.Skills.SkillSpanKind;

namespace JobRec.Grains.Inference;

/// <summary>The silo-wide skill extractor behind a <see cref="MicroBatcher{TItem, TResult}"/>: texts of concurrent requests (job and user
/// upserts, imports, <c>POST /skills/extract</c>) are tagged in one model call. Owns the extractor; <see cref="Install"/> swaps in another (the
/// model store's skills version) while serving: a batch reads the extractor once, so texts already in a batch finish on the old one.</summary>
public sealed class SkillExtractionPool : IAsyncDisposable
{
    private readonly MicroBatcher<(string Text, int MaxCharacters), SkillExtractResponse> _batcher;
    private readonly SkillExtractor? _import;
    private readonly bool _importWithServed;
    private readonly int _importCharacters;
    private readonly ServingOptions _options;
    private volatile SkillExtractor _extractor;

    /// <summary>Puts <paramref name="extractor"/> behind a batcher sized by <paramref name="options"/>.</summary>
    public SkillExtractionPool(SkillExtractor extractor, ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(options);
        _extractor = extractor;
        _options = options;
        _importCharacters = options.SkillImportCharacters;
        _import = options.SkillImportCharacters <= 0 || options.SkillImport == SkillImportMode.Off ? null
            : options.SkillImport == SkillImportMode.Dictionary && extractor.Model != SkillExtractor.DictionaryModel ? SkillExtractor.Dictionary("dictionary at import")
            : extractor;
        _importWithServed = ReferenceEquals(_import, extractor);
        Info = InfoOf(extractor);
        _batcher = new MicroBatcher<(string, int), SkillExtractResponse>(Run, options.BatchWindow, options.MaxBatch);
    }

    /// <summary>The extractor now in use.</summary>
    public SkillExtractor Extractor => _extractor;

    /// <summary>What extracts skills, for the API.</summary>
    public SkillModelInfo Info { get; private set; }

    /// <summary>Serves <paramref name="extractor"/> from now on (imports that tag with the served extractor follow it); the previous one is
    /// disposed a minute later, when batches that read it are long done.</summary>
    public void Install(SkillExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        var old = Interlocked.Exchange(ref _extractor, extractor);
        Info = InfoOf(extractor);
        if (!ReferenceEquals(old, extractor))
        {
            _ = Task.Delay(TimeSpan.FromMinutes(1)).ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
        }
    }

    private SkillModelInfo InfoOf(SkillExtractor extractor) =>
        new(extractor.Model, extractor.Description, extractor.EscoLabels, _options.SkillUpsertCharacters, _options.SkillImportCharacters,
            _importWithServed ? extractor.Model : _import?.Model ?? "off");

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

        if (!_importWithServed)
        {
            return Task.FromResult(_import.Extract(texts.Select(t => (string?)t).ToList(), _importCharacters).Select(e => ToContract(e, _import.Model)).ToArray());
        }

        return ExtractAsync(texts, _importCharacters);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _batcher.DisposeAsync().ConfigureAwait(false);
        _extractor.Dispose();
    }

    private SkillExtractResponse[] Run(IReadOnlyList<(string Text, int MaxCharacters)> items)
    {
        var result = new SkillExtractResponse[items.Count];
        var extractor = _extractor;
        foreach (var group in Enumerable.Range(0, items.Count).GroupBy(i => items[i].MaxCharacters))
        {
            var indexes = group.ToList();
            var extracted = extractor.Extract(indexes.Select(i => (string?)items[i].Text).ToList(), group.Key);
            for (var n = 0; n < indexes.Count; n++)
            {
                result[indexes[n]] = ToContract(extracted[n], extractor.Model);
            }
        }

        return result;
    }

    private static SkillExtractResponse ToContract(SkillExtraction e, string model) => new(
        e.Spans.Select(s => new SkillSpan((ContractKind)(int)s.Kind, s.Start, s.Length, s.Text, s.Skill, s.Similarity)).ToList(),
        e.Skills, model, e.CharactersRead, e.Truncated, e.Warning);
}
