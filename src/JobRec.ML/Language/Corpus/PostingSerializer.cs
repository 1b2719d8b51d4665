using System.Globalization;
using System.Text;

namespace JobRec.ML.Language.Corpus;

/// <summary>Writes a posting as plain sentences ("The job title is ... The required skills are ...") for language-model training and as QA context.</summary>
public static class PostingSerializer
{
    /// <summary>Most skills written for one posting (the list is cut after this many).</summary>
    public const int MaxSkills = 8;

    /// <summary>The structured sentences of <paramref name="posting"/>, plus up to <paramref name="descriptionChars"/> characters of its description.</summary>
    public static string ToSentences(PostingFacts posting, int descriptionChars = 0)
    {
        var text = new StringBuilder();
        text.Append("The job title is ").Append(Clean(posting.Title)).Append('.');
        if (posting.Company.Length > 0) text.Append(" " + AnswerSentence.Cue(QuestionKind.Company)).Append(Clean(posting.Company)).Append('.');
        if (posting.Location.Length > 0) text.Append(" " + AnswerSentence.Cue(QuestionKind.Location)).Append(Clean(posting.Location)).Append('.');
        if (posting.Remote) text.Append(" The job can be done remotely.");
        var skills = SkillsText(posting);
        if (skills.Length > 0) text.Append(" " + AnswerSentence.Cue(QuestionKind.Skills)).Append(skills).Append('.');
        if (posting.Level.Length > 0) text.Append(" " + AnswerSentence.Cue(QuestionKind.Level)).Append(Clean(posting.Level)).Append('.');
        if (posting.EmploymentType.Length > 0) text.Append(" " + AnswerSentence.Cue(QuestionKind.EmploymentType)).Append(Clean(posting.EmploymentType)).Append('.');
        var salary = SalaryText(posting);
        if (salary.Length > 0) text.Append(" " + AnswerSentence.Cue(QuestionKind.Salary)).Append(salary).Append('.');
        if (descriptionChars > 0 && posting.Description.Length > 0)
        {
            var description = Clean(posting.Description);
            if (description.Length > descriptionChars)
            {
                int cut = description.LastIndexOf(' ', descriptionChars);
                description = description[..(cut > descriptionChars / 2 ? cut : descriptionChars)];
            }
            text.Append(' ').Append(description);
        }
        return text.ToString();
    }

    /// <summary>The skills as written in sentences and answers: the first <see cref="MaxSkills"/>, comma separated.</summary>
    public static string SkillsText(PostingFacts posting) =>
        string.Join(", ", posting.Skills.Select(Clean).Where(s => s.Length > 0).Take(MaxSkills));

    /// <summary>The salary as written ("$80,000 to $120,000 per year"), or empty when unknown.</summary>
    public static string SalaryText(PostingFacts posting)
    {
        static string Money(decimal v) => "$" + Math.Round(v).ToString("#,0", CultureInfo.InvariantCulture);
        return (posting.SalaryMin, posting.SalaryMax) switch
        {
            ({ } lo, { } hi) when lo > 0 && hi > lo => $"{Money(lo)} to {Money(hi)} per year",
            ({ } lo, _) when lo > 0 => $"{Money(lo)} per year",
            (_, { } hi) when hi > 0 => $"{Money(hi)} per year",
            _ => "",
        };
    }

    /// <summary>Collapses whitespace (newlines included) to single spaces and trims.</summary>
    public static string Clean(string text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var result = new StringBuilder(text.Length);
        bool space = false;
        foreach (char ch in text)
        {
            if (char.IsWhiteSpace(ch)) { space = result.Length > 0; continue; }
            if (space) { result.Append(' '); space = false; }
            result.Append(ch);
        }
        return result.ToString();
    }
}
