using System.Globalization;

namespace JobRec.Data.Import;

/// <summary>
/// Draws import progress on a text writer (normally stderr): an animated bar with rows, rows/s and rejects, redrawn in
/// place on a terminal, or one plain line every few seconds when the writer is redirected.
/// </summary>
public sealed class ConsoleProgressBar : IProgress<IngestProgress>
{
    private const int Width = 24;
    private readonly TextWriter _writer;
    private readonly bool _inPlace;
    private TimeSpan? _lastPlainLine;
    private int _frame;

    /// <summary>Creates a bar writing to <paramref name="writer"/>; <paramref name="inPlace"/> redraws one line with carriage returns.</summary>
    public ConsoleProgressBar(TextWriter writer, bool inPlace)
    {
        _writer = writer;
        _inPlace = inPlace;
    }

    /// <summary>A bar on stderr, redrawn in place unless stderr is redirected.</summary>
    public static ConsoleProgressBar ForStandardError() => new(Console.Error, !Console.IsErrorRedirected);

    /// <inheritdoc />
    public void Report(IngestProgress value)
    {
        var text = Format(value, _frame++);
        if (_inPlace)
        {
            _writer.Write("\r" + text.PadRight(100));
            if (value.Done) _writer.WriteLine();
        }
        else if (value.Done || _lastPlainLine is null || value.Elapsed - _lastPlainLine.Value >= TimeSpan.FromSeconds(2))
        {
            _lastPlainLine = value.Elapsed;
            _writer.WriteLine(text);
        }
        _writer.Flush();
    }

    /// <summary>One line of progress text: "[=====>    ] source 12,345 rows 45,678 rows/s rejected 3".</summary>
    public static string Format(IngestProgress p, int frame)
    {
        string bar;
        if (p.Done)
        {
            bar = new string('=', Width);
        }
        else
        {
            var pos = frame % (2 * (Width - 4));
            if (pos >= Width - 4) pos = 2 * (Width - 4) - pos;
            bar = new string(' ', pos) + "<=>" + new string(' ', Width - 3 - pos);
        }
        var rate = p.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture);
        var jobs = p.Jobs > 0 ? $"  jobs {p.Jobs.ToString("N0", CultureInfo.InvariantCulture)} ({p.JobsPerSecond.ToString("N0", CultureInfo.InvariantCulture)}/s)" : "";
        var skipped = p.Skipped > 0 ? $"  resumed after {p.Skipped.ToString("N0", CultureInfo.InvariantCulture)}" : "";
        var eta = p.Eta is { } left && !p.Done ? $"  ETA {(int)left.TotalMinutes}m{left.Seconds:D2}s" : "";
        return $"[{bar}] {p.Source} {p.RowsRead.ToString("N0", CultureInfo.InvariantCulture)} rows  {rate} rows/s  imported {p.Imported.ToString("N0", CultureInfo.InvariantCulture)}{jobs}  rejected {p.Rejected.ToString("N0", CultureInfo.InvariantCulture)}{skipped}{eta}  {p.Elapsed.TotalSeconds:F1}s";
    }
}
