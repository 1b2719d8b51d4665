namespace JobRec.Silo.Benchmarks;

/// <summary>This process's resident memory from /proc/self/status (Linux): the peak (VmHWM, what <c>/usr/bin/time -v</c> reports as
/// maximum resident set size) and the current (VmRSS); 0 where the file or the field is missing.</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set size in bytes (VmHWM).</summary>
    public static long PeakResidentBytes() => Read("VmHWM:");

    /// <summary>Current resident set size in bytes (VmRSS).</summary>
    public static long ResidentBytes() => Read("VmRSS:");

    private static long Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    // "VmHWM:	  123456 kB"
                    var parts = line[field.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                    return parts.Length > 0 && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : 0;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
