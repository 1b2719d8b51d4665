using System.Globalization;

namespace JobRec.ML.Skills;

/// <summary>Accuracy of <see cref="EscoSkillLinker"/> on the Decorte et al. validation annotations (<c>sentence,span,sub_span,label</c>): each distinct
/// (sentence, span) whose gold labels include at least one ESCO label is a query; it is correct at k when one of its gold labels is among the
/// top k. Rows labelled "LABEL NOT PRESENT" or "UNDERSPECIFIED" (or with a label outside the label list) are not queries.</summary>
public static class EscoLinkingEvaluation
{
    /// <summary>Result on one annotation file.</summary>
    /// <param name="Queries">Spans with a gold ESCO label.</param>
    /// <param name="AccuracyAt1">Share whose best candidate is a gold label.</param>
    /// <param name="AccuracyAt5">Share with a gold label in the top 5.</param>
    /// <param name="Mrr">Mean reciprocal rank of the first gold label within the top 5 (0 beyond).</param>
    public readonly record struct Result(int Queries, double AccuracyAt1, double AccuracyAt5, double Mrr)
    {
        /// <inheritdoc />
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"queries={Queries} acc@1={AccuracyAt1:F3} acc@5={AccuracyAt5:F3} mrr@5={Mrr:F3}");
    }

    /// <summary>Reads the annotations: (span, gold labels) per distinct (sentence, span) with a gold label in <paramref name="labels"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header is not <c>sentence,span,sub_span,label</c>.</exception>
    public static List<(string Span, HashSet<string> Gold)> ReadAnnotations(string path, IReadOnlySet<string> labels)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"annotation file not found: {path}", path);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header?.Trim() != "sentence,span,sub_span,label") throw new InvalidDataException($"{path}: expected the header sentence,span,sub_span,label, found '{header}'");
        var queries = new Dictionary<(string, string), HashSet<string>>();
        var order = new List<(string Sentence, string Span)>();
        foreach (var fields in Csv.Rows(reader))
        {
            if (fields.Count != 4 || !labels.Contains(fields[3])) continue;
            var key = (fields[0], fields[1]);
            if (!queries.TryGetValue(key, out var gold)) { queries[key] = gold = new HashSet<string>(StringComparer.Ordinal); order.Add(key); }
            gold.Add(fields[3]);
        }
        return order.Select(k => (k.Span, queries[k])).ToList();
    }

    /// <summary>Scores the linker on the queries of one annotation file.</summary>
    public static Result Evaluate(EscoSkillLinker linker, IReadOnlyList<(string Span, HashSet<string> Gold)> queries)
    {
        if (queries.Count == 0) return new Result(0, 0, 0, 0);
        var candidates = linker.Link(queries.Select(q => q.Span).ToList(), 5);
        int at1 = 0, at5 = 0;
        double mrr = 0;
        for (int i = 0; i < queries.Count; i++)
        {
            int rank = candidates[i].Select(c => c.Label).ToList().FindIndex(queries[i].Gold.Contains);
            if (rank == 0) at1++;
            if (rank >= 0) { at5++; mrr += 1.0 / (rank + 1); }
        }
        return new Result(queries.Count, (double)at1 / queries.Count, (double)at5 / queries.Count, mrr / queries.Count);
    }

    /// <summary>RFC 4180 rows (quoted fields may hold commas, doubled quotes and line breaks).</summary>
    private static class Csv
    {
        public static IEnumerable<List<string>> Rows(TextReader reader)
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            bool quoted = false, any = false;
            int c;
            while ((c = reader.Read()) >= 0)
            {
                any = true;
                char ch = (char)c;
                if (quoted)
                {
                    if (ch == '"') { if (reader.Peek() == '"') { reader.Read(); field.Append('"'); } else quoted = false; }
                    else field.Append(ch);
                }
                else if (ch == '"') quoted = true;
                else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
                else if (ch == '\n')
                {
                    fields.Add(field.ToString().TrimEnd('\r'));
                    field.Clear();
                    yield return fields;
                    fields = [];
                    any = false;
                }
                else field.Append(ch);
            }
            if (any) { fields.Add(field.ToString()); yield return fields; }
        }
    }
}
