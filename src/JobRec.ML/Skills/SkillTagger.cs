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
    public IReadOnlyList<ExtractedSpan> Extract(string? text) => ExtractAll([text])[0];

    /// <summary>The spans of each text (as <see cref="Extract"/>), the sentence chunks of all texts tagged together in one batch.</summary>
    /// <exception cref="ArgumentException">A text is longer than <see cref="MaxTextCharacters"/> (the message names its index).</exception>
    public IReadOnlyList<IReadOnlyList<ExtractedSpan>> ExtractAll(IReadOnlyList<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var split = new (string Text, List<(int Start, int Length)> Words, List<(int Start, int End)> Chunks)?[texts.Count];
        var sentences = new List<string[]>();
        for (int t = 0; t < texts.Count; t++)
        {
            var text = texts[t];
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (text.Length > MaxTextCharacters)
                throw new ArgumentException($"text {t} has {text.Length:N0} characters; the skill tagger takes at most {MaxTextCharacters:N0} per text", nameof(texts));
            var words = TextWords.Split(text);
            var chunks = TextWords.Sentences(text, words, MaxWordsPerChunk);
            split[t] = (text, words, chunks);
            foreach (var c in chunks) sentences.Add(Enumerable.Range(c.Start, c.End - c.Start).Select(w => text.Substring(words[w].Start, words[w].Length)).ToArray());
        }
        var tags = Tag(sentences);
        var result = new IReadOnlyList<ExtractedSpan>[texts.Count];
        int next = 0;
        for (int t = 0; t < texts.Count; t++)
        {
            if (split[t] is not { } s) { result[t] = []; continue; }
            var spans = new List<ExtractedSpan>();
            foreach (var chunk in s.Chunks)
            {
                var (skill, knowledge) = tags[next++];
                foreach (var kind in new[] { SkillSpanKind.Skill, SkillSpanKind.Knowledge })
                {
                    foreach (var (start, end) in BioTags.Spans(kind == SkillSpanKind.Skill ? skill : knowledge))
                    {
                        var first = s.Words[chunk.Start + start];
                        var last = s.Words[chunk.Start + end - 1];
                        int length = last.Start + last.Length - first.Start;
                        spans.Add(new ExtractedSpan(kind, first.Start, length, s.Text.Substring(first.Start, length)));
                    }
                }
            }
            result[t] = spans.OrderBy(x => x.Start).ThenBy(x => x.Kind).ToList();
        }
        return result;
    }
}
