using FastBertTokenizer;

namespace JobRec.ML.Text.Onnx;

/// <summary>Uncased BERT WordPiece tokenisation (lower-casing, accent stripping, punctuation split, greedy longest-match sub-words)
/// by FastBertTokenizer, which reproduces the HuggingFace BertTokenizer; this class adds the truncation rule and a guard on very long words.</summary>
/// <remarks>
/// Truncation: a text that gives more than <c>maxTokens</c> ids keeps [CLS], its first <c>maxTokens - 2</c> WordPiece tokens (a word may be cut
/// between its pieces, as HuggingFace's truncation does) and [SEP].
/// A run of more than <see cref="MaxWordCharacters"/> letters or digits is cut to that length before tokenising: HuggingFace maps such a word to
/// [UNK]; the cut keeps the tokenizer linear on garbage input (its sub-word search is quadratic in the word length).
/// Accents are stripped by <see cref="AccentStripper"/> first: FastBertTokenizer relies on .NET's Unicode normalisation, which does nothing under the
/// invariant globalisation this project runs with (accented words would become [UNK]).
/// Thread-safe: encoding only reads the vocabulary.
/// </remarks>
public sealed class WordPieceTokenizer
{
    /// <summary>Longest run of letters or digits passed to the tokenizer unchanged.</summary>
    public const int MaxWordCharacters = 100;

    private readonly BertTokenizer _tokenizer;

    private WordPieceTokenizer(BertTokenizer tokenizer, int vocabularySize)
    {
        _tokenizer = tokenizer;
        VocabularySize = vocabularySize;
    }

    /// <summary>Entries in the vocabulary (30,522 for uncased BERT).</summary>
    public int VocabularySize { get; }

    /// <summary>Reads a vocab.txt (one token per line, id = line number) and lower-cases input, as uncased BERT models expect.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The vocabulary lacks [CLS], [SEP], [PAD] or [UNK].</exception>
    public static WordPieceTokenizer Load(string vocabularyPath)
    {
        if (!File.Exists(vocabularyPath)) throw new FileNotFoundException($"vocabulary not found: {vocabularyPath}", vocabularyPath);
        var lines = File.ReadAllLines(vocabularyPath);
        foreach (var special in new[] { "[CLS]", "[SEP]", "[PAD]", "[UNK]" })
            if (Array.IndexOf(lines, special) < 0) throw new InvalidDataException($"{vocabularyPath}: no {special} token in the vocabulary");
        var tokenizer = new BertTokenizer();
        using (var reader = new StringReader(string.Join('\n', lines))) tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
        return new WordPieceTokenizer(tokenizer, lines.Length);
    }

    /// <summary>Token ids of <paramref name="text"/>: [CLS], the WordPiece tokens (truncated as stated above) and [SEP]; null or blank text gives just [CLS] [SEP].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokens"/> is below 3.</exception>
    public long[] Encode(string? text, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 3);
        var ids = new long[maxTokens];
        var mask = new long[maxTokens];
        int count = _tokenizer.Encode(GuardLongWords(AccentStripper.Strip(text ?? "")), ids, mask, padTo: null);
        return ids.AsSpan(0, count).ToArray();
    }

    private static string GuardLongWords(string text)
    {
        int run = 0;
        bool tooLong = false;
        foreach (var c in text)
        {
            run = char.IsLetterOrDigit(c) ? run + 1 : 0;
            if (run > MaxWordCharacters) { tooLong = true; break; }
        }
        if (!tooLong) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        run = 0;
        foreach (var c in text)
        {
            run = char.IsLetterOrDigit(c) ? run + 1 : 0;
            if (run <= MaxWordCharacters) sb.Append(c);
        }
        return sb.ToString();
    }
}
