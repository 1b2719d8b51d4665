using System.Globalization;

namespace JobRec.Data.Import;

/// <summary>
/// Where an interrupted import stopped: the source's name and how many of its items had been written when the last batch was
/// flushed. Saved after every flush (temporary file, then rename, so a crash leaves the old or the new one whole); a rerun with the
/// same file skips those items and continues. Items after the checkpoint may have been written too before the interruption: the sinks'
/// upserts are idempotent by key, so writing them again adds no duplicates.
/// </summary>
/// <param name="Source">The source's name (a checkpoint of another source is refused).</param>
/// <param name="Items">Items of the source handed to the sink and flushed.</param>
public sealed record IngestCheckpoint(string Source, long Items)
{
    /// <summary>Reads the checkpoint at <paramref name="path"/>, or null when there is none.</summary>
    /// <exception cref="FormatException">The file is not a checkpoint (named with the path).</exception>
    public static IngestCheckpoint? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string? source = null;
        long? items = null;
        foreach (var line in File.ReadAllLines(path))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var (key, value) = (line[..eq], line[(eq + 1)..]);
            if (key == "source")
            {
                source = value;
            }
            else if (key == "items" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                items = n;
            }
        }

        return source is not null && items is not null
            ? new IngestCheckpoint(source, items.Value)
            : throw new FormatException($"{path}: not an import checkpoint (expected lines source=<name> and items=<count>)");
    }

    /// <summary>Writes the checkpoint to <paramref name="path"/> atomically.</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture, $"source={Source}\nitems={Items}\n"));
        File.Move(temporary, path, overwrite: true);
    }
}
