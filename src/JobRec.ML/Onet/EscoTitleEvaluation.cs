using System.Globalization;
using JobRec.Data.Csv;
using JobRec.Data.Model;
using JobRec.Data.Readers.Esco;
using JobRec.Data.Reading;
using JobRec.ML.Numerics;
using JobRec.ML.Text;

namespace JobRec.ML.Onet;

/// <summary>Title normalisation to ESCO (the JobBERT evaluation): rank the 2,942 ESCO occupations for each noisy vacancy title by the best
/// cosine between the title and the occupation's preferred or alternative labels; report MAP@10, MRR@10 and recall at 1/5/10.</summary>
public static class EscoTitleEvaluation
{
    /// <summary>Percent of the JobBERT titles held out from adaptation (<see cref="SplitTitles"/>).</summary>
    public const int HeldOutPercent = 20;

    /// <summary>Runs the evaluation over titles.csv (vacancyTitle, conceptUri) and ESCO occupations_en.csv; <paramref name="maxTitles"/> caps the titles used (first rows);
    /// <paramref name="split"/> picks all titles, or the training or held-out part of <see cref="SplitTitles"/>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    public static RankingScores Run(string titlesCsv, string escoOccupationsCsv, ITextEncoder encoder, int maxTitles = int.MaxValue, Action<string>? progress = null,
        EscoTitleSplit split = EscoTitleSplit.All)
    {
        foreach (var f in new[] { titlesCsv, escoOccupationsCsv })
            if (!File.Exists(f)) throw new FileNotFoundException($"file not found: {f}", f);
        var report = new ReadReport();
        var occupations = EscoSource.ReadOccupations(escoOccupationsCsv, report).ToList();
        IReadOnlyList<TitleLabel> all = ReadTitles(titlesCsv, report).ToList();
        if (split != EscoTitleSplit.All)
        {
            var (train, heldOut) = SplitTitles(all);
            all = split == EscoTitleSplit.HeldOut ? heldOut : train;
        }
        var queries = all.Take(maxTitles).ToList();
        foreach (var issue in report.Issues) progress?.Invoke($"  {issue}");
        var labels = new List<string>();
        var owner = new List<int>();
        for (int o = 0; o < occupations.Count; o++)
            foreach (var label in occupations[o].AlternateTitles.Prepend(occupations[o].Title).Distinct(StringComparer.OrdinalIgnoreCase))
            { labels.Add(label); owner.Add(o); }
        progress?.Invoke($"{occupations.Count} ESCO occupations with {labels.Count} labels, {queries.Count} vacancy titles; encoding");
        int d = encoder.Dimension;
        var labelVectors = encoder.Encode(labels);
        var scores = new RankingScores();
        const int chunk = 256;
        var sims = new float[chunk * labels.Count];
        var best = new float[occupations.Count];
        for (int start = 0; start < queries.Count; start += chunk)
        {
            int m = Math.Min(chunk, queries.Count - start);
            var q = encoder.Encode(queries.Skip(start).Take(m).Select(x => x.Title).ToArray());
            CpuComputeBackend.Instance.MatMul(false, true, m, labels.Count, d, 1f, q, labelVectors, 0f, sims);
            for (int i = 0; i < m; i++)
            {
                Array.Fill(best, -2f);
                var row = sims.AsSpan(i * labels.Count, labels.Count);
                for (int e = 0; e < row.Length; e++) if (row[e] > best[owner[e]]) best[owner[e]] = row[e];
                var ranked = Enumerable.Range(0, occupations.Count).OrderByDescending(o => best[o]).Take(10).Select(o => occupations[o].Code).ToArray();
                scores.Add(ranked, queries[start + i].Code);
            }
        }
        return scores;
    }

    /// <summary>The summary line <c>esco-titles: n=.. map10=.. mrr=.. r1=.. r5=.. r10=..</c> (one relevant occupation per title, so MAP@10 equals MRR@10).</summary>
    public static string Summary(RankingScores s) => string.Create(CultureInfo.InvariantCulture,
        $"esco-titles: n={s.Count} map10={s.Mrr10:F4} mrr={s.Mrr10:F4} r1={s.Top1:F4} r5={s.Top5:F4} r10={s.Top10:F4}");

    /// <summary>The deterministic split of JobBERT titles for adaptation: <see cref="HeldOutPercent"/>% held out by a stable hash of occupation and title
    /// (<see cref="TitleSplit.Split"/>), and training titles whose text (case-insensitive) also occurs among the held-out ones removed.</summary>
    public static (IReadOnlyList<TitleLabel> Train, IReadOnlyList<TitleLabel> HeldOut) SplitTitles(IReadOnlyList<TitleLabel> titles)
    {
        var (train, heldOut) = TitleSplit.Split(titles, HeldOutPercent, salt: "jobbert");
        return (TitleSplit.ExcludeTitles(train, heldOut), heldOut);
    }

    /// <summary>Reads the (conceptUri, vacancyTitle) rows of a JobBERT titles.csv; rows with an empty field are reported and skipped.</summary>
    /// <exception cref="FormatException">The header lacks vacancyTitle or conceptUri.</exception>
    public static IEnumerable<TitleLabel> ReadTitles(string path, ReadReport report)
    {
        using var file = CsvFile.Open(path, CsvOptions.Csv, report);
        if (!file.RequireColumns(report, "vacancyTitle", "conceptUri"))
            throw new FormatException($"{path}:1: needs columns vacancyTitle and conceptUri");
        int title = file.Header!.IndexOf("vacancyTitle"), uri = file.Header!.IndexOf("conceptUri");
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            var t = record[title].Trim();
            var u = record[uri].Trim();
            if (t.Length == 0 || u.Length == 0) { report.Reject(file.Name, record.Line, "empty vacancyTitle or conceptUri"); continue; }
            report.Accept();
            yield return new TitleLabel(u, t);
        }
    }
}
