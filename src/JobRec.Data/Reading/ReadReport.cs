namespace JobRec.Data.Reading;

/// <summary>Counts rows read and rejected while reading a source, and keeps the first rejects with file:line:reason.</summary>
public sealed class ReadReport
{
    private readonly List<RowIssue> _issues = [];
    private readonly List<RowIssue> _cutOff = [];
    private long _read;
    private long _rejected;

    /// <summary>Creates a report keeping at most <paramref name="maxIssues"/> issues.</summary>
    public ReadReport(int maxIssues = 20) => MaxIssues = maxIssues;

    /// <summary>Most issues kept; later ones are only counted.</summary>
    public int MaxIssues { get; }

    /// <summary>Rows read (accepted and rejected).</summary>
    public long Read => Interlocked.Read(ref _read);

    /// <summary>Rows rejected.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Problems with whole files (empty, missing columns); these reject no counted row.</summary>
    public long FileProblems { get; private set; }

    /// <summary>The first issues, in the order found.</summary>
    public IReadOnlyList<RowIssue> Issues
    {
        get { lock (_issues) return _issues.ToArray(); }
    }

    /// <summary>Files that end inside a record (cut off mid-write or mid-copy), as file:line: reason; that record is also counted as rejected.</summary>
    public IReadOnlyList<RowIssue> CutOff
    {
        get { lock (_issues) return _cutOff.ToArray(); }
    }

    /// <summary>Counts the malformed last record of a file that ends inside it, and keeps it in <see cref="CutOff"/>.</summary>
    public void EndsInsideRecord(string file, long line, string reason)
    {
        var issue = new RowIssue(file, line, $"the file ends inside this record ({reason})");
        lock (_issues) _cutOff.Add(issue);
        Interlocked.Increment(ref _read);
        Interlocked.Increment(ref _rejected);
        Keep(issue);
    }

    /// <summary>Counts one well-formed row.</summary>
    public void Accept() => Interlocked.Increment(ref _read);

    /// <summary>Counts one rejected row and keeps its reason.</summary>
    public void Reject(string file, long line, string reason)
    {
        Interlocked.Increment(ref _read);
        Interlocked.Increment(ref _rejected);
        Keep(new RowIssue(file, line, reason));
    }

    /// <summary>Records a problem with a whole file (e.g. empty, missing required columns).</summary>
    public void FileProblem(string file, long line, string reason)
    {
        FileProblems++;
        Keep(new RowIssue(file, line, reason));
    }

    private void Keep(RowIssue issue)
    {
        lock (_issues)
        {
            if (_issues.Count < MaxIssues) _issues.Add(issue);
        }
    }
}
