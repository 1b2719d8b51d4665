using JobRec.ML.Text;

namespace JobRec.ML.Onet;

/// <summary>What the training titles say about each occupation, for <see cref="RerankFeatures"/>: how many titles it has, how often each
/// (singular) head word ends them, which words they and the occupation title use, and the occupation's SOC major, minor and broad group.</summary>
public sealed class OccupationProfiles
{
    private readonly int[] _titleCount;
    private readonly Dictionary<string, int>[] _headCount;
    private readonly Dictionary<string, int>[] _wordCount;
    private readonly Dictionary<string, int>[] _tailCount; // last two singular words
    private readonly Dictionary<string, int> _headTotal = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _wordTotal = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tailTotal = new(StringComparer.Ordinal);
    private readonly HashSet<string>[] _nameWords;
    private readonly string?[] _nameHead;
    private readonly string?[] _topHead;
    private readonly int[][] _groups; // occupation -> [major, minor, broad] group ids (-1 where the code has no such group)

    /// <summary>Profiles of <paramref name="codes"/>.Count occupations from titles, title i belonging to occupation owner[i]; the first
    /// <paramref name="codes"/>.Count titles must be the occupation titles themselves, in occupation order.</summary>
    /// <exception cref="ArgumentException">The counts disagree or an owner is out of range.</exception>
    public OccupationProfiles(IReadOnlyList<string> codes, IReadOnlyList<string> titles, IReadOnlyList<int> owner)
    {
        int c = codes.Count;
        if (titles.Count != owner.Count || titles.Count < c) throw new ArgumentException($"{titles.Count} titles, {owner.Count} owners, {c} occupations");
        _titleCount = new int[c];
        _headCount = Enumerable.Range(0, c).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        _wordCount = Enumerable.Range(0, c).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        _tailCount = Enumerable.Range(0, c).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        for (int i = 0; i < titles.Count; i++)
        {
            int o = owner[i];
            if ((uint)o >= (uint)c) throw new ArgumentException($"owner {o} of title {i} is outside 0..{c - 1}", nameof(owner));
            _titleCount[o]++;
            if (Head(titles[i]) is { } head) { Increment(_headCount[o], head); Increment(_headTotal, head); }
            if (Tail(titles[i]) is { } tail) { Increment(_tailCount[o], tail); Increment(_tailTotal, tail); }
            foreach (var w in Words(titles[i]).Distinct()) { Increment(_wordCount[o], w); Increment(_wordTotal, w); }
        }
        _nameWords = Enumerable.Range(0, c).Select(o => Words(titles[o]).ToHashSet(StringComparer.Ordinal)).ToArray();
        _nameHead = Enumerable.Range(0, c).Select(o => Head(titles[o])).ToArray();
        _topHead = _headCount.Select(h => h.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).FirstOrDefault()).ToArray();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        _groups = codes.Select(code => new[] { 2, 4, 6 }.Select(n => code.Length >= n ? Id(ids, n + ":" + code[..n]) : -1).ToArray()).ToArray();
        GroupCount = ids.Count;
    }

    /// <summary>Number of occupations.</summary>
    public int Count => _titleCount.Length;

    /// <summary>Number of distinct SOC groups (major, minor and broad together).</summary>
    public int GroupCount { get; }

    /// <summary>Titles of occupation o (its own title included).</summary>
    public int TitleCount(int o) => _titleCount[o];

    /// <summary>Titles of occupation o whose singular head word is <paramref name="head"/>.</summary>
    public int HeadCount(int o, string head) => _headCount[o].GetValueOrDefault(head);

    /// <summary>Share of all titles with head word <paramref name="head"/> that belong to occupation o (0 for an unseen head).</summary>
    public float HeadShare(int o, string head) => _headTotal.TryGetValue(head, out var total) ? (float)HeadCount(o, head) / total : 0f;

    /// <summary>Titles of occupation o ending in the two singular words <paramref name="tail"/> (<see cref="Tail"/>).</summary>
    public int TailCount(int o, string tail) => _tailCount[o].GetValueOrDefault(tail);

    /// <summary>Share of all titles ending in <paramref name="tail"/> that belong to occupation o (0 for an unseen tail).</summary>
    public float TailShare(int o, string tail) => _tailTotal.TryGetValue(tail, out var total) ? (float)TailCount(o, tail) / total : 0f;

    /// <summary>Share of all titles containing <paramref name="word"/> that belong to occupation o (0 for an unseen word).</summary>
    public float WordShare(int o, string word) => _wordTotal.TryGetValue(word, out var total) ? (float)WordCount(o, word) / total : 0f;

    /// <summary>Titles of occupation o that contain the singular word <paramref name="word"/>.</summary>
    public int WordCount(int o, string word) => _wordCount[o].GetValueOrDefault(word);

    /// <summary>The most common singular head word of the occupation's titles (ties by ordinal order), or null.</summary>
    public string? TopHead(int o) => _topHead[o];

    /// <summary>Whether the occupation's own title contains the singular word.</summary>
    public bool NameHasWord(int o, string word) => _nameWords[o].Contains(word);

    /// <summary>The singular head word of the occupation's own title.</summary>
    public string? NameHead(int o) => _nameHead[o];

    /// <summary>Group id (0..<see cref="GroupCount"/>-1) of occupation o at SOC level 0 (major), 1 (minor) or 2 (broad); -1 when none.</summary>
    public int Group(int o, int level) => _groups[o][level];

    /// <summary>The lower-cased singular words of a title.</summary>
    public static IEnumerable<string> Words(string title) => TfIdfIndex.Tokenize(title).Select(TitleAugmentation.Singular);

    /// <summary>The lower-cased singular head word of a title (<see cref="TitleNgrams.HeadWord"/>), or null.</summary>
    public static string? Head(string title) => TitleNgrams.HeadWord(title) is { } head ? TitleAugmentation.Singular(head) : null;

    /// <summary>The last two lower-cased singular words of a title joined by a space (e.g. "tax accountant"), or null for a one-word title.</summary>
    public static string? Tail(string title)
    {
        var words = TfIdfIndex.Tokenize(title).ToArray();
        return words.Length < 2 ? null : words[^2] + " " + TitleAugmentation.Singular(words[^1]);
    }

    private static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static int Id(Dictionary<string, int> ids, string key) => ids.TryGetValue(key, out var id) ? id : ids[key] = ids.Count;
}
