using JobRec.FileFormats;

namespace JobRec.ML.Onet;

/// <summary>Candidate lists saved for re-ranker experiments without retraining the evidence models (<c>jobrec-lab evaluate onet-development
/// --write-lists</c>, read by <c>jobrec-lab evaluate onet-rerank</c>): the <see cref="Format"/> header (magic "JRRLISTS", version 2; version 1
/// files start with "JRRLIST1" and no version field), the feature count, then two groups (training lists, scored lists),
/// each a count and per list its candidates, feature rows and relevant position.</summary>
public static class RerankListFile
{
    /// <summary>The candidate list file format.</summary>
    public static readonly BinaryFileFormat Format = new("re-ranker candidate list file", "JRRLISTS"u8, version: 2, oldestReadable: 1,
        unversionedMagic: "JRRLIST1"u8.ToArray());

    /// <summary>Writes <paramref name="training"/> and <paramref name="scored"/> lists of <paramref name="features"/> features per candidate.</summary>
    public static void Write(string path, int features, IReadOnlyList<RerankList> training, IReadOnlyList<RerankList> scored)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = File.Create(path);
        var writer = new OnetModelWriter(stream);
        Format.WriteHeader(stream);
        writer.Int32(features);
        foreach (var group in new[] { training, scored })
        {
            writer.Int32(group.Count);
            foreach (var l in group)
            {
                writer.Ints(l.Candidates);
                writer.Floats(l.Features);
                writer.Int32(l.Relevant);
            }
        }
        writer.Flush();
    }

    /// <summary>Reads a file written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">Not a list file, or truncated or inconsistent (the message names the file and offset).</exception>
    public static (int Features, IReadOnlyList<RerankList> Training, IReadOnlyList<RerankList> Scored) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"candidate list file not found: {path}", path);
        var data = File.ReadAllBytes(path);
        var reader = new OnetModelReader(path, data, Format.ReadHeader(data, path).Length);
        int features = reader.Int32("feature count", 1, 1 << 16);
        var groups = new List<RerankList>[2];
        for (int g = 0; g < 2; g++)
        {
            int count = reader.Int32("list count", 0, 1 << 24);
            groups[g] = new List<RerankList>(count);
            for (int i = 0; i < count; i++)
            {
                var candidates = reader.Ints($"candidates of list {i}", null, 0);
                var rows = reader.Floats($"features of list {i}", (long)candidates.Length * features);
                int relevant = reader.Int32($"relevant position of list {i}", -1, candidates.Length - 1);
                groups[g].Add(new RerankList(candidates, rows, relevant));
            }
        }
        reader.End();
        return (features, groups[0], groups[1]);
    }

    /// <summary>The list cut to its first <paramref name="candidates"/> candidates and to the feature columns <paramref name="columns"/> (of
    /// <paramref name="features"/>); the relevant position becomes -1 when it falls outside.</summary>
    public static RerankList Project(RerankList list, int features, int candidates, IReadOnlyList<int> columns)
    {
        int n = Math.Min(candidates, list.Candidates.Length);
        var rows = new float[n * columns.Count];
        for (int j = 0; j < n; j++)
            for (int f = 0; f < columns.Count; f++) rows[j * columns.Count + f] = list.Features[j * features + columns[f]];
        return new RerankList(list.Candidates[..n], rows, list.Relevant < n ? list.Relevant : -1);
    }
}
