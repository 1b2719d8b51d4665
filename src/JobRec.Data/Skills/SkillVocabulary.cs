using JobRec.Data.Model;

namespace JobRec.Data.Skills;

/// <summary>
/// The skill vocabulary: every name and alias, normalised by <see cref="SkillNormalizer"/>, resolves to one preferred
/// skill name. Built-in alias groups are always present; skills from ESCO, O*NET or LinkedIn lists are added on top.
/// </summary>
public sealed class SkillVocabulary
{
    private static readonly HashSet<string> StopWords =
        ["a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "at", "by", "as", "is", "be", "it", "we", "you", "our", "all", "can", "will", "may"];

    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Skill> _skills = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a vocabulary holding the built-in alias groups.</summary>
    public SkillVocabulary()
    {
        foreach (var group in SkillAliases.Groups) Add(new Skill(group[0]) { Aliases = group[1..], Source = "builtin" });
    }

    /// <summary>Number of distinct preferred skills.</summary>
    public int Count => _skills.Count;

    /// <summary>Number of normalised surface forms (names and aliases).</summary>
    public int SurfaceFormCount => _canonical.Count;

    /// <summary>The preferred skills.</summary>
    public IEnumerable<Skill> Skills => _skills.Values;

    /// <summary>The normalised surface forms and the preferred name each resolves to.</summary>
    public IReadOnlyDictionary<string, string> SurfaceForms => _canonical;

    /// <summary>
    /// Adds a skill and its aliases; a name or alias already known joins the existing skill (its other forms become
    /// aliases of it). Forms that normalise to nothing, to one character or to a stop word are ignored.
    /// </summary>
    public void Add(Skill skill)
    {
        var forms = new[] { skill.Name }.Concat(skill.Aliases).Select(f => (Form: f, Key: SkillNormalizer.Normalize(f))).Where(f => Usable(f.Key)).ToList();
        if (forms.Count == 0) return;
        var existing = forms.Select(f => _canonical.GetValueOrDefault(f.Key)).FirstOrDefault(c => c is not null);
        var preferred = existing ?? forms[0].Form.Trim();
        if (existing is null) _skills[preferred] = skill with { Name = preferred };
        foreach (var (_, key) in forms) _canonical.TryAdd(key, preferred);
    }

    /// <summary>Adds every skill of <paramref name="skills"/>.</summary>
    public void AddRange(IEnumerable<Skill> skills)
    {
        foreach (var s in skills) Add(s);
    }

    /// <summary>The preferred name of <paramref name="nameOrAlias"/> ("JS" gives "JavaScript"), or null when unknown.</summary>
    public string? Resolve(string nameOrAlias) => _canonical.GetValueOrDefault(SkillNormalizer.Normalize(nameOrAlias));

    /// <summary>The preferred names of a skill list, unknown names kept as written, duplicates removed.</summary>
    public IReadOnlyList<string> Canonicalize(IEnumerable<string> names) =>
        names.Select(n => Resolve(n) ?? n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static bool Usable(string key) => key.Length >= 2 && !StopWords.Contains(key);
}
