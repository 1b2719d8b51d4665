using System.Text;
using System.Text.Json;

namespace JobRec.ML.Text;

/// <summary>SentencePiece unigram tokenizer with the exact semantics of the TensorFlow.js Universal Sentence Encoder tokenizer:
/// NFKC, a leading '▁' and every space replaced by '▁', Viterbi over piece scores, unknown characters as id 0 (consecutive unknowns merged).</summary>
public sealed class SentencePieceTokenizer
{
    /// <summary>The word-boundary symbol U+2581.</summary>
    public const char WordBoundary = '\u2581';

    /// <summary>Id of the unknown piece.</summary>
    public const int UnknownId = 0;

    private readonly string[] _pieces;
    private readonly double[] _scores;
    private readonly TrieNode _root = new();

    /// <summary>Builds the tokenizer from (piece, score) pairs; the first <paramref name="reservedCount"/> pieces (control symbols) are never produced.</summary>
    /// <exception cref="ArgumentException">A piece is empty.</exception>
    public SentencePieceTokenizer(IReadOnlyList<(string Piece, double Score)> vocabulary, int reservedCount = 6)
    {
        _pieces = new string[vocabulary.Count];
        _scores = new double[vocabulary.Count];
        for (int i = 0; i < vocabulary.Count; i++)
        {
            _pieces[i] = vocabulary[i].Piece;
            _scores[i] = vocabulary[i].Score;
            if (i < reservedCount) continue;
            if (vocabulary[i].Piece.Length == 0) throw new ArgumentException($"vocabulary entry {i} is an empty piece", nameof(vocabulary));
            var node = _root;
            foreach (var rune in vocabulary[i].Piece.EnumerateRunes())
            {
                node.Children ??= new Dictionary<int, TrieNode>();
                if (!node.Children.TryGetValue(rune.Value, out var child)) node.Children[rune.Value] = child = new TrieNode();
                node = child;
            }
            node.PieceId = i;
        }
    }

    /// <summary>Number of pieces in the vocabulary.</summary>
    public int VocabularySize => _pieces.Length;

    /// <summary>The piece text of an id.</summary>
    public string Piece(int id) => _pieces[id];

    /// <summary>Loads a vocab.json of the form [["piece", score], ...] (a null score counts as 0, as in JavaScript).</summary>
    /// <exception cref="ModelNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is not such a list; the message names the entry.</exception>
    public static SentencePieceTokenizer Load(string vocabJsonPath)
    {
        if (!File.Exists(vocabJsonPath))
            throw new ModelNotFoundException($"vocabulary file not found: {vocabJsonPath} (run deploy/setup.sh to install the USE-Lite model)");
        using var stream = File.OpenRead(vocabJsonPath);
        using var doc = JsonDocument.Parse(stream);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new FormatException($"{vocabJsonPath}: expected a JSON array of [piece, score] pairs");
        var list = new List<(string, double)>();
        int index = 0;
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() < 2 || entry[0].ValueKind != JsonValueKind.String)
                throw new FormatException($"{vocabJsonPath}: entry {index} is not a [piece, score] pair");
            var score = entry[1].ValueKind switch
            {
                JsonValueKind.Number => entry[1].GetDouble(),
                JsonValueKind.Null => 0d,
                _ => throw new FormatException($"{vocabJsonPath}: entry {index} has a score that is neither a number nor null"),
            };
            list.Add((entry[0].GetString()!, score));
            index++;
        }
        return new SentencePieceTokenizer(list);
    }

    /// <summary>Splits <paramref name="text"/> into piece ids; empty text gives no ids.</summary>
    public int[] Encode(string text)
    {
        var normalized = NfkcNormalizer.ToNfkc(text);
        if (normalized.Length == 0) return [];
        var input = WordBoundary + normalized.Replace(' ', WordBoundary);
        var symbols = new List<int>(input.Length);
        foreach (var rune in input.EnumerateRunes()) symbols.Add(rune.Value);
        int n = symbols.Count;

        // Lattice: for each end position the best score so far and the piece that achieved it.
        // best == 0 means "not set yet" exactly as in the reference (which compares against 0).
        var best = new double[n + 1];
        var words = new int[n + 1];
        // Edges ending at e, visited in ascending start order as JavaScript's for..in does over integer keys.
        var edgesByEnd = new List<(int Start, int Length, int Id, double Score)>?[n + 1];
        for (int i = 0; i < n; i++)
        {
            bool any = false;
            var node = _root.Children is not null && _root.Children.TryGetValue(symbols[i], out var first) ? first : null;
            for (int j = i; node is not null; )
            {
                if (node.PieceId >= 0)
                {
                    int length = j - i + 1;
                    (edgesByEnd[i + length] ??= new()).Add((i, length, node.PieceId, _scores[node.PieceId]));
                    any = true;
                }
                j++;
                if (j >= n || node.Children is null || !node.Children.TryGetValue(symbols[j], out node)) break;
            }
            if (!any) (edgesByEnd[i + 1] ??= new()).Add((i, 1, UnknownId, 0d));
        }
        for (int end = 0; end <= n; end++)
        {
            var edges = edgesByEnd[end];
            if (edges is null) continue;
            edges.Sort((a, b) => a.Start.CompareTo(b.Start));
            foreach (var edge in edges)
            {
                double score = edge.Score + best[end - edge.Length];
                if (best[end] == 0 || score >= best[end])
                {
                    best[end] = score;
                    words[end] = edge.Id;
                }
            }
        }

        // Backward pass: the reference steps back by the UTF-16 length of the chosen piece.
        var reversed = new List<int>();
        for (int iter = n; iter > 0; )
        {
            reversed.Add(words[iter]);
            iter -= _pieces[words[iter]].Length;
        }
        var merged = new List<int>(reversed.Count);
        bool previousUnknown = false;
        foreach (var id in reversed)
        {
            if (!(previousUnknown && id == UnknownId)) merged.Add(id);
            previousUnknown = id == UnknownId;
        }
        merged.Reverse();
        return merged.ToArray();
    }

    private sealed class TrieNode
    {
        public Dictionary<int, TrieNode>? Children;
        public int PieceId = -1;
    }
}
