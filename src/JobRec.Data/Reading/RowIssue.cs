namespace JobRec.Data.Reading;

/// <summary>A rejected row or file problem: which file, which line, and why.</summary>
/// <param name="File">File name.</param>
/// <param name="Line">1-based line number where the row starts.</param>
/// <param name="Reason">What was wrong.</param>
public readonly record struct RowIssue(string File, long Line, string Reason)
{
    /// <summary>"file:line: reason".</summary>
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
