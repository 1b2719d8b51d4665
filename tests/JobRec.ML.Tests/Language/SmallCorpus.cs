namespace JobRec.ML.Tests.Language;

/// <summary>A small, regular corpus of serialized postings for fast tests.</summary>
internal static class SmallCorpus
{
    private static readonly string[] Titles = ["Data Engineer", "Nurse", "Software Developer", "Accountant", "Welder"];
    private static readonly string[] Companies = ["Acme", "Globex", "Initech", "Umbrella"];
    private static readonly string[] Cities = ["Austin, TX", "Denver, CO", "Boston, MA"];
    private static readonly string[] Skills = ["Python", "SQL", "Patient Care", "Java", "Excel", "Welding"];

    public static List<string> Documents(int count)
    {
        var rng = new Random(1);
        var docs = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            docs.Add($"The job title is {Titles[rng.Next(Titles.Length)]}. The hiring company is {Companies[rng.Next(Companies.Length)]}. " +
                     $"The job is located at {Cities[rng.Next(Cities.Length)]}. The required skills are {Skills[rng.Next(Skills.Length)]}, {Skills[rng.Next(Skills.Length)]}.");
        }
        return docs;
    }
}
