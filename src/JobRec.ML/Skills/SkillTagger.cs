namespace JobRec.ML.Skills;

/// <summary>Finds skill and knowledge spans in free text: <see cref="TextWords"/> splits it into words and sentence chunks, <see cref="WordStateEncoder"/>
/// gives word vectors from the pretrained encoder, <see cref="SkillTaggerHead"/> tags both BIO layers. Thread-safe.</summary>
/// <remarks>Limits: a text may hold at most <see cref="MaxTextCharacters"/> characters (longer text is refused with an
/// <see cref="ArgumentException"/>: split it first); it is tagged in chunks of at most <see cref="MaxWordsPerChunk"/> words (sentence ends and line
/// breaks also end a chunk), so a span never crosses a chunk boundary. Empty or whitespace-only text gives no spans. Binary garbage gives a
/// result like any text (control characters count as spaces; overlong words are cut by the tokenizer), usually with no spans.</remarks>
public sealed class SkillTagger
{
    /// <summary>Longest text accepted by one call.</summary>
    public const int MaxTextCharacters = 1_000_000;

    /// <summary>Most words tagged together.</summary>
    public const int MaxWordsPerChunk = 128;

    /// <summary>Creates a tagger from an encoder and a head trained on that encoder's word vectors.</summary>
    /// <exception cref="ArgumentException">The head was trained on another encoder or vector length.</exception>
    public SkillTagger(WordStateEncoder words, SkillTaggerHead head)
    {
        Words = words ?? throw new ArgumentNullException(nameof(words));
        Head = head ?? throw new ArgumentNullException(nameof(head));
        if (head.EncoderName != words.Encoder.Model.Name || head.InputDimension != words.Dimension)
            throw new ArgumentException($"the skill tagger model was trained on {head.EncoderName} ({head.InputDimension}-d word vectors), not on {words.Encoder.Model.Name} ({words.Dimension}-d)");
    }

    /// <summary>The word-vector encoder.</summary>
    public WordStateEncoder Words { get; }

    /// <summary>The trained head.</summary>
    public SkillTaggerHead Head { get; }

    /// <summary>Tags tokenised sentences: the (skill, knowledge) BIO layers of each.</summary>
    public IReadOnlyList<(byte[] Skill, byte[] Knowledge)> Tag(IReadOnlyList<string[]> sentences)
    {
        var vectors = Words.Encode(sentences);
        var result = new (byte[], byte[])[sentences.Count];
        for (int i = 0; i < sentences.Count; i++) result[i] = Head.Tag(vectors[i]);
        return result;
    }

    /// <summary>The skill and knowledge spans of <paramref name="text"/>, ordered by start (skill before knowledge at equal starts).</summary>
    /// <exception cref="ArgumentException">The text is longer than <see cref="MaxTextCharacters"/>.</exception>
    public IReadOnlyList<ExtractedSpan> Extract(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        if (text.Length > MaxTextCharacters)
            throw new ArgumentException($"text has {text.Length:N0} characters; the skill tagger takes at most {MaxTextCharacters:N0} per call", nameof(text));
        var words = TextWords.Split(text);
        var chunks = TextWords.Sentences(text, words, MaxWordsPerChunk);
        var sentences = chunks.Select(c => Enumerable.Range(c.Start, c.End - c.Start).Select(w => text.Substring(words[w].Start, words[w].Length)).ToArray()).ToList();
        var tags = Tag(sentences);
        var spans = new List<ExtractedSpan>();
        for (int c = 0; c < chunks.Count; c++)
        {
            foreach (var kind in new[] { SkillSpanKind.Skill, SkillSpanKind.Knowledge })
            {
                foreach (var (start, end) in BioTags.Spans(kind == SkillSpanKind.Skill ? tags[c].Skill : tags[c].Knowledge))
                {
                    var first = words[chunks[c].Start + start];
                    var last = words[chunks[c].Start + end - 1];
                    int length = last.Start + last.Length - first.Start;
                    spans.Add(new ExtractedSpan(kind, first.Start, length, text.Substring(first.Start, length)));
                }
            }
        }
        return spans.OrderBy(s => s.Start).ThenBy(s => s.Kind).ToList();
    }
}
