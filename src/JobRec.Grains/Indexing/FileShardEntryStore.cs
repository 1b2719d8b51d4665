using System.Text;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Jobs;

namespace JobRec.Grains.Indexing;

/// <summary>Shard entries in one append-only binary log per shard (<c>shard-N.log</c>): upsert and remove records, replayed on load, rewritten on compaction.</summary>
public sealed class FileShardEntryStore : IShardEntryStore
{
    private const uint Magic = 0x4A525348; // "JRSH"
    private const byte UpsertRecord = 1;
    private const byte RemoveRecord = 2;
    private readonly string _directory;

    /// <summary>Stores logs under <paramref name="directory"/> (created when missing), laid out for <paramref name="shardCount"/> shards: logs
    /// written for another shard count are redistributed first (<see cref="ShardLogLayout"/>).</summary>
    public FileShardEntryStore(string directory, int shardCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        System.IO.Directory.CreateDirectory(directory);
        _directory = directory;
        Resharded = ShardLogLayout.Ensure(this, shardCount);
    }

    /// <summary>The folder of the logs.</summary>
    public string Directory => _directory;

    /// <summary>Entries redistributed on opening because the logs had been written for another shard count (0 when none).</summary>
    public int Resharded { get; }

    /// <summary>The log file of a shard.</summary>
    public string PathOf(int shard) => Path.Combine(_directory, $"shard-{shard}.log");

    /// <inheritdoc />
    public IReadOnlyList<ShardEntry> Load(int shard)
    {
        var path = PathOf(shard);
        var map = new Dictionary<string, ShardEntry>();
        if (!File.Exists(path))
        {
            return [];
        }

        long? tornAt = null;
        using (var stream = File.OpenRead(path))
        using (var reader = new BinaryReader(stream, Encoding.UTF8))
        {
            while (stream.Position < stream.Length)
            {
                var start = stream.Position;
                try
                {
                    if (reader.ReadUInt32() != Magic)
                    {
                        throw new InvalidDataException("bad record marker");
                    }

                    var kind = reader.ReadByte();
                    if (kind == UpsertRecord)
                    {
                        var entry = ReadEntry(reader);
                        map[entry.Job.Id] = entry;
                    }
                    else if (kind == RemoveRecord)
                    {
                        map.Remove(reader.ReadString());
                    }
                    else
                    {
                        throw new InvalidDataException($"unknown record kind {kind}");
                    }
                }
                catch (EndOfStreamException) when (stream.Position >= stream.Length)
                {
                    // A torn last record (crash mid-append): keep everything before it, and cut its bytes off below so the next
                    // append starts on a record boundary instead of behind garbage that would make the log unreadable later.
                    tornAt = start;
                    break;
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException)
                {
                    throw new InvalidDataException($"{path}: corrupt shard log record at offset {start}: {ex.Message}", ex);
                }
            }
        }

        if (tornAt is { } end)
        {
            using var truncate = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            truncate.SetLength(end);
            truncate.Flush(flushToDisk: true);
        }

        return map.Values.ToList();
    }

    /// <inheritdoc />
    public void Append(int shard, IReadOnlyList<ShardEntry> entries)
    {
        using var stream = new FileStream(PathOf(shard), FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        foreach (var e in entries)
        {
            writer.Write(Magic);
            writer.Write(UpsertRecord);
            WriteEntry(writer, e);
        }

        writer.Flush();
        stream.Flush(flushToDisk: false);
    }

    /// <inheritdoc />
    public void Remove(int shard, string jobId)
    {
        using var stream = new FileStream(PathOf(shard), FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(RemoveRecord);
        writer.Write(jobId);
    }

    /// <inheritdoc />
    public void Compact(int shard, IReadOnlyList<ShardEntry> entries)
    {
        var path = PathOf(shard);
        var temp = path + ".tmp";
        WriteLog(temp, entries);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Writes a complete log holding exactly <paramref name="entries"/> at <paramref name="path"/> (replacing any file there).</summary>
    public static void WriteLog(string path, IReadOnlyList<ShardEntry> entries)
    {
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            foreach (var e in entries)
            {
                writer.Write(Magic);
                writer.Write(UpsertRecord);
                WriteEntry(writer, e);
            }
        }
    }

    /// <summary>Writes the binary record of one entry (also the row payload of the PostgreSQL shard store).</summary>
    public static void WriteEntry(BinaryWriter w, ShardEntry e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        var j = e.Job;
        w.Write(j.Id);
        w.Write(j.Title);
        w.Write(j.Company);
        w.Write(j.Location);
        w.Write(j.Region);
        w.Write(j.Remote);
        w.Write(j.OnetCode);
        w.Write(e.Skills.Count);
        foreach (var s in e.Skills)
        {
            w.Write(s);
        }

        w.Write(e.PostedAt?.UtcTicks ?? -1L);
        w.Write(e.ClosesAt?.UtcTicks ?? -1L);
        w.Write(e.Embedding.Length);
        foreach (var f in e.Embedding)
        {
            w.Write(f);
        }
    }

    /// <summary>Reads one entry written by <see cref="WriteEntry"/>; throws <see cref="InvalidDataException"/> for out-of-range counts.</summary>
    public static ShardEntry ReadEntry(BinaryReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var job = new JobSummary(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadBoolean(), r.ReadString());
        var skillCount = r.ReadInt32();
        if (skillCount is < 0 or > 10_000)
        {
            throw new InvalidDataException($"skill count {skillCount} out of range for job '{job.Id}'");
        }

        var skills = new string[skillCount];
        for (var i = 0; i < skills.Length; i++)
        {
            skills[i] = r.ReadString();
        }

        var posted = r.ReadInt64();
        var closes = r.ReadInt64();
        var dim = r.ReadInt32();
        if (dim is < 0 or > 65_536)
        {
            throw new InvalidDataException($"embedding dimension {dim} out of range for job '{job.Id}'");
        }

        var embedding = new float[dim];
        for (var i = 0; i < dim; i++)
        {
            embedding[i] = r.ReadSingle();
        }

        return new ShardEntry(job, embedding, skills,
            posted < 0 ? null : new DateTimeOffset(posted, TimeSpan.Zero),
            closes < 0 ? null : new DateTimeOffset(closes, TimeSpan.Zero));
    }
}
