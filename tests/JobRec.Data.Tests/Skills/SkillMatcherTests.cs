using JobRec.Data.Model;
using JobRec.Data.Reading;
using JobRec.Data.Skills;

namespace JobRec.Data.Tests.Skills;

public class SkillMatcherTests
{
    [Fact]
    public void Aliases_case_and_punctuation_resolve_to_the_preferred_name()
    {
        var vocabulary = new SkillVocabulary();
        Assert.Equal("JavaScript", vocabulary.Resolve("JS"));
        Assert.Equal("JavaScript", vocabulary.Resolve("javascript"));
        Assert.Equal("machine learning", vocabulary.Resolve("ML"));
        Assert.Equal("machine learning", vocabulary.Resolve("Machine-Learning"));
        Assert.Equal("C#", vocabulary.Resolve("c#"));
        Assert.Equal("Node.js", vocabulary.Resolve("node.js"));
        Assert.Null(vocabulary.Resolve("underwater basket weaving"));
        Assert.Equal(["JavaScript", "Kubernetes", "Cobol"], vocabulary.Canonicalize(["js", "K8s", "JavaScript", "Cobol"]));
    }

    [Fact]
    public void Finds_skills_in_text_longest_match_first_without_overlaps()
    {
        var vocabulary = new SkillVocabulary();
        vocabulary.Add(new Skill("learning"));
        vocabulary.Add(new Skill("SQL"));
        vocabulary.Add(new Skill("Microsoft SQL Server"));
        var matcher = new SkillMatcher(vocabulary);
        const string text = "Senior engineer: ML, deep-learning and JS; knows SQL Server, C++ and learning.";
        var matches = matcher.FindAll(text);
        Assert.Equal(["machine learning", "deep learning", "JavaScript", "Microsoft SQL Server", "C++", "learning"], matches.Select(m => m.Skill));
        Assert.Equal("deep-learning", text.Substring(matches[1].Start, matches[1].Length));
        Assert.Equal("SQL Server", text.Substring(matches[3].Start, matches[3].Length));
    }

    [Fact]
    public void Vocabulary_from_esco_onet_and_linkedin_finds_skills_in_a_real_dice_description()
    {
        var report = new ReadReport();
        var vocabulary = new SkillVocabulary();
        SkillVocabularyLoader.AddEsco(vocabulary, Directory.GetFiles(SharedData.File("esco"), "*SkillsCollection_en.csv"), report);
        SkillVocabularyLoader.AddOnetTechnology(vocabulary, SharedData.File("onet", "ONET.TechnologySkills.tsv"), report);
        SkillVocabularyLoader.AddLinkedInSkillLists(vocabulary, SharedData.File("linkedin_asaniczka_2024_sample", "job_skills.csv"), report);
        Assert.Equal(0, report.Rejected);
        Assert.True(vocabulary.Count > 5000, $"vocabulary has {vocabulary.Count} skills");
        Assert.Equal("Microsoft Excel", vocabulary.Resolve("excel"));
        Assert.NotNull(vocabulary.Resolve("Customer service"));
        var matcher = new SkillMatcher(vocabulary);
        var skills = matcher.Extract("Looking for Selenium engineers...must have solid java coding skills and experience with Jenkins, Git and SQL.");
        Assert.Contains(skills, s => s.Contains("Selenium", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(skills, s => s.Equals("Java", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(skills, s => s.Contains("Jenkins", StringComparison.OrdinalIgnoreCase));
    }
}
