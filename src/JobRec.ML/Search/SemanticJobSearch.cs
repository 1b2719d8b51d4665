using JobRec.Data.Model;
using JobRec.ML.Numerics;
using JobRec.ML.Text;

namespace JobRec.ML.Search;

/// <summary>Free-text job search: jobs are embedded once (title + description), queries are embedded and ranked by cosine over the
/// jobs that pass the filters, with a small TF-IDF boost for exact term matches (skills, acronyms).</summary>
public sealed class SemanticJobSearch
{
    /// <summary>Characters of the description fed to the encoder (the model reads at most 128 tokens anyway).</summary>
    public const int DescriptionCharacters = 700;
    private readonly ITextEncoder _encoder;
    private readonly IReadOnlyList<JobPosting> _jobs;
    private readonly float[] _vectors;
    private readonly TfIdfIndex _lexical;
    private readonly float _lexicalWeight;

    /// <summary>Embeds every job with <paramref name="encoder"/> (in batches; progress gets the count done).</summary>
    public SemanticJobSearch(IReadOnlyList<JobPosting> jobs, ITextEncoder encoder, float lexicalWeight = 0.25f, Action<int>? progress = null)
    {
        (_jobs, _encoder, _lexicalWeight) = (jobs, encoder, lexicalWeight);
        var texts = jobs.Select(TextOf).ToArray();
        _vectors = new float[jobs.Count * encoder.Dimension];
        const int batch = 256;
        for (int start = 0; start < texts.Length; start += batch)
        {
            var part = texts.Skip(start).Take(batch).ToArray();
            encoder.Encode(part).CopyTo(_vectors, start * encoder.Dimension);
            progress?.Invoke(start + part.Length);
        }
        _lexical = new TfIdfIndex(jobs.Select(j => $"{j.Title} {j.Title} {string.Join(' ', j.Skills)} {Truncate(j.Description)}").ToArray());
    }

    /// <summary>Number of searchable jobs.</summary>
    public int Count => _jobs.Count;

    /// <summary>The text a job is embedded from: title, company, and the start of the description.</summary>
    public static string TextOf(JobPosting job) =>
        string.IsNullOrWhiteSpace(job.Description) ? job.Title : $"{job.Title}. {Truncate(job.Description)}";

    /// <summary>The k best jobs for <paramref name="query"/> among those passing <paramref name="filter"/>, best first.</summary>
    /// <exception cref="ArgumentException">The query is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k is not positive.</exception>
    public IReadOnlyList<JobSearchHit> Search(string query, int k, JobSearchFilter? filter = null)
    {
        if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException("the search query is empty", nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        int d = _encoder.Dimension;
        var q = _encoder.Encode([query]);
        var scores = new float[_jobs.Count];
        if (_jobs.Count > 0) CpuComputeBackend.Instance.MatMul(false, true, 1, _jobs.Count, d, 1f, q, _vectors, 0f, scores);
        if (_lexicalWeight > 0)
            foreach (var (doc, cosine) in _lexical.Search(query, Math.Max(200, 20 * k)))
                scores[doc] += _lexicalWeight * cosine;
        var hits = new List<JobSearchHit>();
        var order = Enumerable.Range(0, _jobs.Count).Where(i => filter is null || filter.Matches(_jobs[i]))
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k);
        foreach (var i in order) hits.Add(new JobSearchHit(_jobs[i], scores[i]));
        return hits;
    }

    private static string Truncate(string text) => text.Length <= DescriptionCharacters ? text : text[..DescriptionCharacters];
}
