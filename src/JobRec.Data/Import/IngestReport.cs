using System.Text;
using JobRec.Data.Reading;

namespace JobRec.Data.Import;

/// <summary>What an import did: rows read and rejected, items imported and how many were new, and the first problems.</summary>
public sealed record IngestReport
{
    /// <summary>Source name.</summary>
    public required string Source { get; init; }
    /// <summary>Rows read (accepted and rejected).</summary>
    public long Read { get; init; }
    /// <summary>Items handed to the sink (jobs, users, interactions, occupations, skills).</summary>
    public long Imported { get; init; }
    /// <summary>Rows rejected.</summary>
    public long Rejected { get; init; }
    /// <summary>Problems with whole files (empty, missing columns, unreadable), which reject no counted row.</summary>
    public long FileProblems { get; init; }
    /// <summary>Items the sink did not have before (0 when the same data is imported again).</summary>
    public long Created { get; init; }
    /// <summary>Imported items per kind.</summary>
    public required IReadOnlyDictionary<string, long> ImportedByKind { get; init; }
    /// <summary>The first rejected rows and file problems, as file:line: reason.</summary>
    public required IReadOnlyList<RowIssue> Issues { get; init; }
    /// <summary>Files that ended inside a record (a cut-off file); empty when every file ended cleanly.</summary>
    public IReadOnlyList<RowIssue> CutOff { get; init; } = [];
    /// <summary>Wall time of the import.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The last line of the report: "ingest: read=N imported=N rejected=N".</summary>
    public string SummaryLine => $"ingest: read={Read} imported={Imported} rejected={Rejected}";

    /// <summary>The whole report, ending with <see cref="SummaryLine"/>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"source {Source}: {Read:N0} rows read in {Elapsed.TotalSeconds:F1} s ({(Elapsed.TotalSeconds > 0 ? Read / Elapsed.TotalSeconds : 0):N0} rows/s)");
        var kinds = string.Join(", ", ImportedByKind.Where(p => p.Value > 0).Select(p => $"{p.Key} {p.Value:N0}"));
        sb.AppendLine($"imported {Imported:N0} items{(kinds.Length > 0 ? $" ({kinds})" : "")}, new {Created:N0}, already present {Imported - Created:N0}");
        if (Issues.Count > 0)
        {
            sb.AppendLine($"rejected {Rejected:N0} rows, {FileProblems:N0} file problems; first problems:");
            foreach (var issue in Issues) sb.AppendLine("  " + issue);
        }
        sb.Append(SummaryLine);
        return sb.ToString();
    }
}
