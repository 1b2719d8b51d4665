using JobRec.Data.Csv;
using JobRec.Data.Model;
using JobRec.Data.Readers.Esco;
using JobRec.Data.Readers.Onet;
using JobRec.Data.Reading;

namespace JobRec.Data.Skills;

/// <summary>Builds a <see cref="SkillVocabulary"/> from the public sources: ESCO skill files, O*NET technology skills, LinkedIn job_skills lists.</summary>
public static class SkillVocabularyLoader
{
    /// <summary>Adds the ESCO skills of every file in <paramref name="paths"/> (skills_en.csv or *SkillsCollection*.csv).</summary>
    public static void AddEsco(SkillVocabulary vocabulary, IEnumerable<string> paths, ReadReport report)
    {
        foreach (var path in paths) vocabulary.AddRange(EscoSource.ReadSkills(path, report));
    }

    /// <summary>Adds the O*NET technology skills ("Technology Skills.txt" or ONET.TechnologySkills.tsv).</summary>
    public static void AddOnetTechnology(SkillVocabulary vocabulary, string path, ReadReport report) =>
        vocabulary.AddRange(OnetSource.ReadTechnologySkills(path, report));

    /// <summary>
    /// Adds the skills named in at least <paramref name="minimumCount"/> lists of a LinkedIn <c>job_skills.csv</c>
    /// (column job_skills: comma-separated names); keeps one counter per distinct name.
    /// </summary>
    public static void AddLinkedInSkillLists(SkillVocabulary vocabulary, string path, ReadReport report, int minimumCount = 3)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        using var file = CsvFile.Open(path, CsvOptions.Csv, report);
        if (!file.RequireColumns(report, "job_skills")) return;
        var column = file.Header!.IndexOf("job_skills");
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            report.Accept();
            foreach (var name in FieldParsing.List(record[column]))
            {
                if (name.Length <= 60) counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }
        foreach (var (name, count) in counts.OrderByDescending(p => p.Value))
        {
            if (count >= minimumCount) vocabulary.Add(new Skill(name) { Source = "linkedin" });
        }
    }
}
