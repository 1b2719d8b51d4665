using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace JobRec.ML.Language.Tokenization;

/// <summary>A byte-level BPE tokenizer (GPT-2 style): trained on a corpus or loaded from GPT-2 vocab.json + merges.txt; every byte sequence round-trips.</summary>
public sealed partial class ByteLevelBpeTokenizer
{
    /// <summary>The text of the end-of-text special token.</summary>
    public const string EndOfTextText = "<|endoftext|>";

    private const int PieceCacheLimit = 200_000;

    private readonly byte[][] _tokenBytes;
    private readonly bool[] _isSpecial;
    private readonly int[] _byteIds = new int[256];
    private readonly Dictionary<long, (int Rank, int Merged)> _merges = [];
    private readonly List<(int Left, int Right)> _mergeList;
    private readonly ConcurrentDictionary<string, int[]> _pieceCache = new();

    [GeneratedRegex(@"'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex PreTokenizer();

    private ByteLevelBpeTokenizer(byte[][] tokenBytes, bool[] isSpecial, List<(int, int)> merges, int endOfText)
    {
        _tokenBytes = tokenBytes;
        _isSpecial = isSpecial;
        _mergeList = merges;
        EndOfText = endOfText;
        Array.Fill(_byteIds, -1);
        for (int id = 0; id < tokenBytes.Length; id++)
            if (!isSpecial[id] && tokenBytes[id].Length == 1 && _byteIds[tokenBytes[id][0]] < 0) _byteIds[tokenBytes[id][0]] = id;
        for (int b = 0; b < 256; b++)
            if (_byteIds[b] < 0) throw new FormatException($"vocabulary has no single-byte token for byte 0x{b:X2}");
        var byBytes = new Dictionary<string, int>();
        for (int id = 0; id < tokenBytes.Length; id++)
            if (!isSpecial[id]) byBytes.TryAdd(Convert.ToBase64String(tokenBytes[id]), id);
        for (int rank = 0; rank < merges.Count; rank++)
        {
            var (l, r) = merges[rank];
            var joined = Convert.ToBase64String([.. tokenBytes[l], .. tokenBytes[r]]);
            if (!byBytes.TryGetValue(joined, out int merged))
                throw new FormatException($"merge #{rank} ({l} + {r}) produces a token missing from the vocabulary");
            _merges.TryAdd(PairKey(l, r), (rank, merged));
        }
    }

    /// <summary>Number of token ids, special tokens included.</summary>
    public int VocabSize => _tokenBytes.Length;

    /// <summary>Id of the end-of-text special token.</summary>
    public int EndOfText { get; }

    /// <summary>Number of merge rules.</summary>
    public int MergeCount => _mergeList.Count;

    /// <summary>Trains a tokenizer with at most <paramref name="vocabSize"/> ids (256 bytes + merges + end-of-text) on the given texts.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vocabSize"/> is below 257.</exception>
    public static ByteLevelBpeTokenizer Train(IEnumerable<string> texts, int vocabSize, int minPairFrequency = 2)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (vocabSize < 257) throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, "vocabulary needs at least 256 byte tokens plus end-of-text");
        var wordCounts = new Dictionary<string, long>();
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text)) continue;
            foreach (var m in PreTokenizer().EnumerateMatches(text))
            {
                var piece = text.Substring(m.Index, m.Length);
                wordCounts[piece] = wordCounts.GetValueOrDefault(piece) + 1;
            }
        }

        var tokenBytes = new List<byte[]>(vocabSize);
        for (int b = 0; b < 256; b++) tokenBytes.Add([(byte)b]);
        var words = new List<int[]>(wordCounts.Count);
        var freqs = new List<long>(wordCounts.Count);
        foreach (var (word, count) in wordCounts)
        {
            var bytes = Encoding.UTF8.GetBytes(word);
            var ids = new int[bytes.Length];
            for (int i = 0; i < bytes.Length; i++) ids[i] = bytes[i];
            words.Add(ids);
            freqs.Add(count);
        }

        var pairCounts = new Dictionary<long, long>();
        var pairWords = new Dictionary<long, List<int>>();
        for (int w = 0; w < words.Count; w++) AddPairs(words[w], w, freqs[w], pairCounts, pairWords, null);
        var queue = new PriorityQueue<long, (long NegCount, long Key)>();
        foreach (var (key, count) in pairCounts) queue.Enqueue(key, (-count, key));

        var merges = new List<(int, int)>();
        var stamp = new int[words.Count];
        var changed = new HashSet<long>();
        while (tokenBytes.Count < vocabSize - 1 && queue.TryDequeue(out long pair, out var priority))
        {
            if (!pairCounts.TryGetValue(pair, out long current) || current != -priority.NegCount) continue;
            if (current < minPairFrequency) break;
            int left = (int)(pair >> 32), right = (int)(pair & 0xFFFFFFFF), merged = tokenBytes.Count;
            tokenBytes.Add([.. tokenBytes[left], .. tokenBytes[right]]);
            merges.Add((left, right));
            changed.Clear();
            var affected = pairWords[pair];
            pairWords.Remove(pair);
            foreach (int w in affected)
            {
                if (stamp[w] == merged) continue;
                stamp[w] = merged;
                var symbols = words[w];
                RemovePairs(symbols, freqs[w], pairCounts, changed);
                words[w] = MergePair(symbols, left, right, merged);
                AddPairs(words[w], w, freqs[w], pairCounts, pairWords, changed);
            }
            foreach (long key in changed)
            {
                long c = pairCounts.GetValueOrDefault(key);
                if (c > 0) queue.Enqueue(key, (-c, key));
                else pairCounts.Remove(key);
            }
        }

        int endOfText = tokenBytes.Count;
        tokenBytes.Add(Encoding.UTF8.GetBytes(EndOfTextText));
        var special = new bool[tokenBytes.Count];
        special[endOfText] = true;
        return new ByteLevelBpeTokenizer([.. tokenBytes], special, merges, endOfText);
    }

    /// <summary>Loads a GPT-2 style tokenizer from vocab.json and merges.txt files.</summary>
    /// <exception cref="FormatException">A file is malformed; the message names the file and line.</exception>
    public static ByteLevelBpeTokenizer LoadGpt2(string vocabJsonPath, string mergesTxtPath) =>
        FromGpt2Text(File.ReadAllText(vocabJsonPath), File.ReadAllText(mergesTxtPath), vocabJsonPath, mergesTxtPath);

    /// <summary>Builds a tokenizer from the text of a GPT-2 vocab.json and merges.txt; the names are used in error messages.</summary>
    /// <exception cref="FormatException">The text is malformed; the message names the source and line.</exception>
    public static ByteLevelBpeTokenizer FromGpt2Text(string vocabJson, string mergesText, string vocabName = "vocab.json", string mergesName = "merges.txt")
    {
        Dictionary<string, int>? vocab;
        try { vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(vocabJson); }
        catch (JsonException e) { throw new FormatException($"{vocabName}:{e.LineNumber + 1}: not a JSON object of token -> id: {e.Message}", e); }
        if (vocab is null || vocab.Count == 0) throw new FormatException($"{vocabName}: empty vocabulary");
        int size = vocab.Values.Max() + 1;
        var tokenBytes = new byte[size][];
        var special = new bool[size];
        int endOfText = -1;
        foreach (var (token, id) in vocab)
        {
            if (id < 0) throw new FormatException($"{vocabName}: token '{token}' has negative id {id}");
            if (tokenBytes[id] is not null) throw new FormatException($"{vocabName}: id {id} is used twice");
            bool isSpecial = token.StartsWith("<|", StringComparison.Ordinal) && token.EndsWith("|>", StringComparison.Ordinal);
            try { tokenBytes[id] = isSpecial ? Encoding.UTF8.GetBytes(token) : ByteUnicodeAlphabet.Decode(token); }
            catch (FormatException e) { throw new FormatException($"{vocabName}: {e.Message}", e); }
            special[id] = isSpecial;
            if (token == EndOfTextText) endOfText = id;
        }
        for (int id = 0; id < size; id++)
            if (tokenBytes[id] is null) throw new FormatException($"{vocabName}: ids are not contiguous, id {id} is missing");
        if (endOfText < 0)
        {
            Array.Resize(ref tokenBytes, size + 1);
            Array.Resize(ref special, size + 1);
            tokenBytes[size] = Encoding.UTF8.GetBytes(EndOfTextText);
            special[size] = true;
            endOfText = size;
        }

        var merges = new List<(int, int)>();
        var lines = mergesText.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || (i == 0 && line.StartsWith("#version", StringComparison.Ordinal))) continue;
            var parts = line.Split(' ');
            if (parts.Length != 2) throw new FormatException($"{mergesName}:{i + 1}: expected two tokens separated by one space, got '{line}'");
            if (!vocab.TryGetValue(parts[0], out int l) || !vocab.TryGetValue(parts[1], out int r))
                throw new FormatException($"{mergesName}:{i + 1}: token of '{line}' is not in {vocabName}");
            if (!vocab.ContainsKey(parts[0] + parts[1]))
                throw new FormatException($"{mergesName}:{i + 1}: merged token '{parts[0] + parts[1]}' is not in {vocabName}");
            merges.Add((l, r));
        }
        return new ByteLevelBpeTokenizer(tokenBytes, special, merges, endOfText);
    }

    /// <summary>Writes this tokenizer as GPT-2 vocab.json and merges.txt text.</summary>
    public (string VocabJson, string MergesText) ToGpt2Text()
    {
        var vocab = new Dictionary<string, int>(_tokenBytes.Length);
        for (int id = 0; id < _tokenBytes.Length; id++)
            vocab[_isSpecial[id] ? Encoding.UTF8.GetString(_tokenBytes[id]) : ByteUnicodeAlphabet.Encode(_tokenBytes[id])] = id;
        var merges = new StringBuilder("#version: 0.2\n");
        foreach (var (l, r) in _mergeList)
            merges.Append(ByteUnicodeAlphabet.Encode(_tokenBytes[l])).Append(' ').Append(ByteUnicodeAlphabet.Encode(_tokenBytes[r])).Append('\n');
        return (JsonSerializer.Serialize(vocab), merges.ToString());
    }

    /// <summary>Saves vocab.json and merges.txt into <paramref name="directory"/>.</summary>
    public void SaveGpt2(string directory)
    {
        Directory.CreateDirectory(directory);
        var (vocab, merges) = ToGpt2Text();
        File.WriteAllText(Path.Combine(directory, "vocab.json"), vocab);
        File.WriteAllText(Path.Combine(directory, "merges.txt"), merges);
    }

    /// <summary>Encodes text (as UTF-8) into token ids; special-token text is encoded as ordinary bytes.</summary>
    public int[] Encode(string text) => EncodeBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>Encodes any byte sequence into token ids; invalid UTF-8 bytes become single-byte tokens, so <see cref="DecodeBytes"/> returns the input exactly.</summary>
    public int[] EncodeBytes(ReadOnlySpan<byte> data)
    {
        var result = new List<int>(data.Length / 3 + 4);
        int runStart = 0, i = 0;
        while (i < data.Length)
        {
            var status = Rune.DecodeFromUtf8(data[i..], out _, out int consumed);
            if (status == OperationStatus.Done) { i += consumed; continue; }
            EncodeValidText(data[runStart..i], result);
            consumed = Math.Max(1, consumed);
            for (int k = 0; k < consumed; k++) result.Add(_byteIds[data[i + k]]);
            i += consumed;
            runStart = i;
        }
        EncodeValidText(data[runStart..], result);
        return [.. result];
    }

    /// <summary>Decodes token ids to text (invalid UTF-8 becomes U+FFFD); special tokens are skipped.</summary>
    public string Decode(ReadOnlySpan<int> ids) => Encoding.UTF8.GetString(DecodeBytes(ids));

    /// <summary>Decodes token ids to the exact bytes they stand for; special tokens are skipped.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the vocabulary.</exception>
    public byte[] DecodeBytes(ReadOnlySpan<int> ids)
    {
        var buffer = new List<byte>(ids.Length * 4);
        for (int i = 0; i < ids.Length; i++)
        {
            int id = ids[i];
            if ((uint)id >= (uint)_tokenBytes.Length) throw new ArgumentOutOfRangeException(nameof(ids), id, $"token id at position {i} is outside the vocabulary of {_tokenBytes.Length}");
            if (!_isSpecial[id]) buffer.AddRange(_tokenBytes[id]);
        }
        return [.. buffer];
    }

    /// <summary>The bytes one token id stands for.</summary>
    public ReadOnlySpan<byte> TokenBytes(int id) => _tokenBytes[id];

    private void EncodeValidText(ReadOnlySpan<byte> utf8, List<int> output)
    {
        if (utf8.IsEmpty) return;
        var text = Encoding.UTF8.GetString(utf8);
        int covered = 0;
        foreach (var m in PreTokenizer().EnumerateMatches(text))
        {
            if (m.Index > covered) output.AddRange(EncodePiece(text.Substring(covered, m.Index - covered)));
            output.AddRange(EncodePiece(text.Substring(m.Index, m.Length)));
            covered = m.Index + m.Length;
        }
        if (covered < text.Length) output.AddRange(EncodePiece(text[covered..]));
    }

    private int[] EncodePiece(string piece)
    {
        if (_pieceCache.TryGetValue(piece, out var cached)) return cached;
        var bytes = Encoding.UTF8.GetBytes(piece);
        var ids = new List<int>(bytes.Length);
        foreach (var b in bytes) ids.Add(_byteIds[b]);
        while (ids.Count > 1)
        {
            int bestRank = int.MaxValue, bestLeft = -1, bestRight = -1, bestMerged = -1;
            for (int i = 0; i + 1 < ids.Count; i++)
            {
                if (_merges.TryGetValue(PairKey(ids[i], ids[i + 1]), out var m) && m.Rank < bestRank)
                    (bestRank, bestLeft, bestRight, bestMerged) = (m.Rank, ids[i], ids[i + 1], m.Merged);
            }
            if (bestMerged < 0) break;
            var next = new List<int>(ids.Count);
            for (int i = 0; i < ids.Count; i++)
            {
                if (i + 1 < ids.Count && ids[i] == bestLeft && ids[i + 1] == bestRight) { next.Add(bestMerged); i++; }
                else next.Add(ids[i]);
            }
            ids = next;
        }
        var result = ids.ToArray();
        if (_pieceCache.Count > PieceCacheLimit) _pieceCache.Clear();
        _pieceCache.TryAdd(piece, result);
        return result;
    }

    private static long PairKey(int left, int right) => ((long)left << 32) | (uint)right;

    private static void AddPairs(int[] symbols, int word, long freq, Dictionary<long, long> counts, Dictionary<long, List<int>> words, HashSet<long>? changed)
    {
        for (int i = 0; i + 1 < symbols.Length; i++)
        {
            long key = PairKey(symbols[i], symbols[i + 1]);
            counts[key] = counts.GetValueOrDefault(key) + freq;
            if (!words.TryGetValue(key, out var list)) words[key] = list = [];
            list.Add(word);
            changed?.Add(key);
        }
    }

    private static void RemovePairs(int[] symbols, long freq, Dictionary<long, long> counts, HashSet<long> changed)
    {
        for (int i = 0; i + 1 < symbols.Length; i++)
        {
            long key = PairKey(symbols[i], symbols[i + 1]);
            counts[key] -= freq;
            changed.Add(key);
        }
    }

    private static int[] MergePair(int[] symbols, int left, int right, int merged)
    {
        var result = new List<int>(symbols.Length);
        for (int i = 0; i < symbols.Length; i++)
        {
            if (i + 1 < symbols.Length && symbols[i] == left && symbols[i + 1] == right) { result.Add(merged); i++; }
            else result.Add(symbols[i]);
        }
        return [.. result];
    }
}
