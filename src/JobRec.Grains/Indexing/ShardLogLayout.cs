using System.Globalization;
using JobRec.Contracts.Indexing;

namespace JobRec.Grains.Indexing;

/// <summary>
/// Keeps a folder of shard logs laid out for one shard count (<c>layout.txt</c>: <c>shards=N</c>). Opening it with another count
/// redistributes every entry by <see cref="ShardRouting.ShardOf"/>: the new logs are staged in <c>.reshard/</c> and marked complete,
/// then replace the old ones by copy, so a crash at any point leaves either the old layout or a complete staged one to finish from.
/// </summary>
public static class ShardLogLayout
{
    /// <summary>Name of the file recording the shard count of the logs.</summary>
    public const string LayoutFile = "layout.txt";

    private const string StagingFolder = ".reshard";

    /// <summary>Makes the logs of <paramref name="store"/> match <paramref name="shardCount"/>; returns the number of entries redistributed (0 when they matched).</summary>
    /// <exception cref="ArgumentOutOfRangeException">shardCount is below 1.</exception>
    /// <exception cref="InvalidDataException">A log is corrupt (nothing is changed then).</exception>
    public static int Ensure(FileShardEntryStore store, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        var dir = store.Directory;
        var staging = Path.Combine(dir, StagingFolder);
        if (File.Exists(Path.Combine(staging, LayoutFile)))
        {
            Install(dir, staging); // a previous run staged a complete layout and stopped while installing it
        }
        else if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true); // staging never finished: the old logs are untouched
        }

        var logs = ShardsWithLogs(dir);
        var recorded = Recorded(dir);
        // Folders from before layout.txt: every shard had a log, so the count is the highest shard number + 1.
        var current = recorded ?? (logs.Count == 0 ? shardCount : logs.Max() + 1);
        if (current == shardCount && logs.All(s => s < shardCount))
        {
            if (recorded != shardCount)
            {
                WriteLayout(dir, shardCount);
            }

            return 0;
        }

        var groups = new List<ShardEntry>[shardCount];
        for (var s = 0; s < shardCount; s++)
        {
            groups[s] = [];
        }

        var moved = 0;
        foreach (var shard in logs)
        {
            foreach (var entry in store.Load(shard))
            {
                groups[ShardRouting.ShardOf(entry.Job.Id, shardCount)].Add(entry);
                moved++;
            }
        }

        Directory.CreateDirectory(staging);
        for (var s = 0; s < shardCount; s++)
        {
            FileShardEntryStore.WriteLog(Path.Combine(staging, LogName(s)), groups[s]);
        }

        WriteLayout(staging, shardCount); // the staged layout is complete from here on
        Install(dir, staging);
        return moved;
    }

    private static void Install(string dir, string staging)
    {
        foreach (var shard in ShardsWithLogs(dir))
        {
            File.Delete(Path.Combine(dir, LogName(shard)));
        }

        foreach (var file in Directory.GetFiles(staging, "shard-*.log"))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
        }

        File.Copy(Path.Combine(staging, LayoutFile), Path.Combine(dir, LayoutFile), overwrite: true);
        Directory.Delete(staging, recursive: true);
    }

    private static List<int> ShardsWithLogs(string dir) =>
        Directory.GetFiles(dir, "shard-*.log")
            .Select(f => Path.GetFileNameWithoutExtension(f)["shard-".Length..])
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1)
            .Where(s => s >= 0)
            .ToList();

    private static int? Recorded(string dir)
    {
        var path = Path.Combine(dir, LayoutFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path).Trim();
        return text.StartsWith("shards=", StringComparison.Ordinal)
            && int.TryParse(text["shards=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new InvalidDataException($"{path}: expected 'shards=<n>', found '{text}'");
    }

    private static void WriteLayout(string dir, int shardCount) =>
        File.WriteAllText(Path.Combine(dir, LayoutFile), FormattableString.Invariant($"shards={shardCount}\n"));

    private static string LogName(int shard) => FormattableString.Invariant($"shard-{shard}.log");
}
