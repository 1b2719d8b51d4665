using System.Text.Json;

namespace JobRec.ML.Skills;

/// <summary>Readers of the span-annotated corpora: SkillSpan JSON lines and the Green et al. (LREC 2022) CSV.</summary>
public static class SkillSpanCorpus
{
    /// <summary>Reads SkillSpan JSON lines: one object per line with <c>tokens</c>, <c>tags_skill</c>, <c>tags_knowledge</c> (BIO strings of the
    /// same length) and optionally <c>idx</c> and <c>source</c> (the document group). Blank lines are skipped.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not such an object; the message gives the file and line number.</exception>
    public static List<TaggedSentence> ReadJsonLines(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"SkillSpan file not found: {path}", path);
        var sentences = new List<TaggedSentence>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var tokens = Strings(root, "tokens");
                var skill = Strings(root, "tags_skill").Select(BioTags.Parse).ToArray();
                var knowledge = Strings(root, "tags_knowledge").Select(BioTags.Parse).ToArray();
                if (skill.Length != tokens.Length || knowledge.Length != tokens.Length)
                    throw new FormatException($"{tokens.Length} tokens but {skill.Length} skill and {knowledge.Length} knowledge tags");
                string group = (root.TryGetProperty("source", out var s) ? s.ToString() : "") + "#" + (root.TryGetProperty("idx", out var i) ? i.ToString() : "");
                sentences.Add(new TaggedSentence(tokens, skill, knowledge, group));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a SkillSpan sentence: {e.Message}", e);
            }
        }
        return sentences;
    }

    private static string[] Strings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array) throw new FormatException($"no array '{name}'");
        return array.EnumerateArray().Select(e => e.GetString() ?? throw new FormatException($"null in '{name}'")).ToArray();
    }

    /// <summary>Reads the Green et al. gold CSV (<c>sentence_id,word,pos,tag</c>, tags B-/I-Skill, Occupation, Domain, Qualification, Experience):
    /// words tagged <paramref name="skillLabel"/> become the skill layer, every other label becomes O, and the knowledge layer is all O.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A row has the wrong shape or tag; the message gives the file and line number.</exception>
    public static List<TaggedSentence> ReadGreenCsv(string path, string skillLabel = "Skill")
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"green_skill_ner file not found: {path}", path);
        var sentences = new List<TaggedSentence>();
        var words = new List<string>();
        var tags = new List<byte>();
        string? current = null;
        int lineNumber = 0;
        void Flush()
        {
            if (words.Count > 0) sentences.Add(new TaggedSentence([.. words], [.. tags], new byte[words.Count], current ?? ""));
            words.Clear();
            tags.Clear();
        }
        foreach (var line in File.ReadLines(path))
        {
            if (lineNumber++ == 0 || line.Length == 0) continue;
            var fields = SplitCsv(line);
            if (fields.Count != 4) throw new InvalidDataException($"{path}:{lineNumber}: expected 4 fields (sentence_id,word,pos,tag), found {fields.Count}");
            if (fields[0] != current) { Flush(); current = fields[0]; }
            byte tag;
            try { tag = BioTags.Parse(fields[3]); }
            catch (FormatException e) { throw new InvalidDataException($"{path}:{lineNumber}: {e.Message}", e); }
            words.Add(fields[1]);
            tags.Add(tag != BioTags.O && fields[3].AsSpan(2).SequenceEqual(skillLabel) ? tag : BioTags.O);
        }
        Flush();
        return sentences;
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
