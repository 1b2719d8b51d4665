namespace JobRec.Grains.Hosting;

/// <summary>What extracts skills from jobs and users on bulk import.</summary>
public enum SkillImportMode
{
    /// <summary>The silo's skill extractor (the span tagger when loaded): best skills, but the encoder runs over every sentence read
    /// (docs/BENCHMARKS.md, Skills).</summary>
    Tagger = 0,

    /// <summary>The dictionary matcher: thousands of postings per second, only skills the vocabulary lists.</summary>
    Dictionary = 1,

    /// <summary>No extraction at import (jobs and users get extracted skills when upserted through the API).</summary>
    Off = 2,
}
