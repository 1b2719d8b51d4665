namespace JobRec.Data.Skills;

/// <summary>Finds vocabulary skills in free text: left to right, longest match first, matches never overlap.</summary>
public sealed class SkillMatcher
{
    private sealed class Node
    {
        public Dictionary<string, Node>? Next;
        public string? Skill;
    }

    private readonly Node _root = new();

    /// <summary>Builds the word trie from every surface form of <paramref name="vocabulary"/>.</summary>
    public SkillMatcher(SkillVocabulary vocabulary)
    {
        foreach (var (form, skill) in vocabulary.SurfaceForms)
        {
            var node = _root;
            foreach (var token in form.Split(' '))
            {
                node.Next ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                if (!node.Next.TryGetValue(token, out var child)) node.Next[token] = child = new Node();
                node = child;
            }
            node.Skill ??= skill;
        }
    }

    /// <summary>Every skill occurrence in <paramref name="text"/>, in order.</summary>
    public IReadOnlyList<SkillMatch> FindAll(string text)
    {
        var tokens = SkillNormalizer.Tokenize(text);
        var matches = new List<SkillMatch>();
        var i = 0;
        while (i < tokens.Count)
        {
            var node = _root;
            string? skill = null;
            var end = -1;
            for (var j = i; j < tokens.Count && node.Next is not null && node.Next.TryGetValue(tokens[j].Token, out var child); j++)
            {
                node = child;
                if (node.Skill is not null) (skill, end) = (node.Skill, j);
            }
            if (skill is null)
            {
                i++;
                continue;
            }
            var start = tokens[i].Start;
            matches.Add(new SkillMatch(skill, start, tokens[end].Start + tokens[end].Length - start));
            i = end + 1;
        }
        return matches;
    }

    /// <summary>The distinct preferred skill names found in <paramref name="text"/>, in order of first occurrence.</summary>
    public IReadOnlyList<string> Extract(string text) =>
        FindAll(text).Select(m => m.Skill).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
