namespace JobRec.ML.Models;

/// <summary>The model slots a silo serves from the store, and the payload kinds.</summary>
public static class ModelNames
{
    /// <summary>The candidate re-ranker of recommend (a factorization machine).</summary>
    public const string Recommender = "recommender";

    /// <summary>The O*NET occupation classifier of job upserts.</summary>
    public const string Onet = "onet";

    /// <summary>The QA language model of ask.</summary>
    public const string Qa = "qa";

    /// <summary>The skill tagger (stored and listed; not yet used by serving).</summary>
    public const string Skills = "skills";

    /// <summary>Every slot name.</summary>
    public static IReadOnlyList<string> All { get; } = [Recommender, Onet, Qa, Skills];

    /// <summary>Payload kind of an O*NET model file (<c>JRONETCL</c>).</summary>
    public const string OnetKind = "onet-classifier";

    /// <summary>Payload kind of a QA language model checkpoint (<c>.jrlm</c>).</summary>
    public const string QaKind = "qa-language-model";

    /// <summary>Payload kind of a skill tagger file (<c>JRST</c>).</summary>
    public const string SkillsKind = "skill-tagger";

    /// <summary>Throws unless <paramref name="name"/> is one of <see cref="All"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the known ones).</exception>
    public static string Check(string name) => All.Contains(name)
        ? name
        : throw new ArgumentException($"unknown model name '{name}': use one of {string.Join(", ", All)}", nameof(name));
}
