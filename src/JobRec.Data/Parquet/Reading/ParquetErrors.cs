namespace JobRec.Data.Parquet.Reading;

/// <summary>Turns what the Parquet library (or a value conversion) throws into this project's one-line exceptions naming the file and, where known, the column and row group.</summary>
internal static class ParquetErrors
{
    /// <summary>True for exceptions that mean "this file cannot be read": the library's errors and the conversions a malformed file provokes. Bugs (null references) stay crashes.</summary>
    public static bool IsReadFailure(Exception e) => e is ParquetSharp.ParquetException or IOException or InvalidDataException or ArgumentException
        or InvalidCastException or OverflowException or NotSupportedException or IndexOutOfRangeException or OutOfMemoryException or InvalidOperationException
        or FormatException || e.GetType() == typeof(Exception); // ParquetSharp raises plain Exception for schemas it rejects

    /// <summary>The exception to throw for <paramref name="e"/> while reading <paramref name="file"/> at <paramref name="where"/> (e.g. "column a of row group 0"; null when unknown).</summary>
    public static Exception Wrap(Exception e, string file, string? where)
    {
        if (e is ParquetFormatException or ParquetUnsupportedException)
        {
            return e;
        }

        string message = FirstLine(e.Message);
        string problem = where is null ? message : $"{where}: {message}";
        bool unsupported = e is NotSupportedException
            || (e is ParquetSharp.ParquetException && (message.StartsWith("Not yet implemented", StringComparison.Ordinal) || message.Contains("decryption", StringComparison.OrdinalIgnoreCase) || message.Contains("encrypted", StringComparison.OrdinalIgnoreCase)));
        return unsupported ? new ParquetUnsupportedException(problem, file, e) : new ParquetFormatException(file, -1, problem, e);
    }

    // Arrow's messages arrive as "N7parquet16ParquetExceptionE (message: '...')": keep the message.
    private static string FirstLine(string message)
    {
        var native = System.Text.RegularExpressions.Regex.Match(message, @"\(message: '(.*)'\)", System.Text.RegularExpressions.RegexOptions.Singleline);
        string line = (native.Success ? native.Groups[1].Value : message).Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
