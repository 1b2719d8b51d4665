namespace JobRec.ML.Language.Corpus;

/// <summary>Builds question/answer examples from a posting for every field it knows: skills, location, company, level, employment type, salary.</summary>
public static class QaExampleBuilder
{
    /// <summary>The examples of <paramref name="posting"/>; fields that are empty yield none.</summary>
    public static IEnumerable<QaExample> Build(PostingFacts posting)
    {
        var title = PostingSerializer.Clean(posting.Title);
        var company = PostingSerializer.Clean(posting.Company);
        var job = company.Length > 0 ? $"the {title} job at {company}" : $"the {title} job";
        var skills = PostingSerializer.SkillsText(posting);
        if (skills.Length > 0) yield return new(QuestionKind.Skills, $"What skills does {job} require?", skills, posting.JobId);
        if (posting.Location.Length > 0) yield return new(QuestionKind.Location, $"Where is {job} located?", PostingSerializer.Clean(posting.Location), posting.JobId);
        if (company.Length > 0) yield return new(QuestionKind.Company, $"Which company is hiring for the {title} job in {(posting.Location.Length > 0 ? PostingSerializer.Clean(posting.Location) : "this posting")}?", company, posting.JobId);
        if (posting.Level.Length > 0) yield return new(QuestionKind.Level, $"What experience level is {job}?", PostingSerializer.Clean(posting.Level), posting.JobId);
        if (posting.EmploymentType.Length > 0) yield return new(QuestionKind.EmploymentType, $"What type of employment is {job}?", PostingSerializer.Clean(posting.EmploymentType), posting.JobId);
        var salary = PostingSerializer.SalaryText(posting);
        if (salary.Length > 0) yield return new(QuestionKind.Salary, $"What does {job} pay?", salary, posting.JobId);
    }

    /// <summary>The language-model training documents of <paramref name="postings"/>: each posting's sentences, then its QA examples with the posting as context.</summary>
    public static IEnumerable<string> TrainingDocuments(IEnumerable<PostingFacts> postings, int descriptionChars = 400) =>
        TrainingTexts(postings, descriptionChars).Select(t => t.ToString());

    /// <summary>The training texts of <paramref name="postings"/>: the sentences of every <paramref name="sentencesEvery"/>-th posting (learned whole, with up to <paramref name="descriptionChars"/> description characters), then each posting's QA examples (prompt = posting as context + question, completion = answer).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sentencesEvery"/> is not positive.</exception>
    public static IEnumerable<TrainingText> TrainingTexts(IEnumerable<PostingFacts> postings, int descriptionChars = 400, int sentencesEvery = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sentencesEvery);
        int index = 0;
        foreach (var posting in postings)
        {
            if (index++ % sentencesEvery == 0) yield return TrainingText.Whole(PostingSerializer.ToSentences(posting, descriptionChars));
            var context = PostingSerializer.ToSentences(posting);
            foreach (var example in Build(posting))
                yield return QaPromptFormat.TrainingText(example, context);
        }
    }
}
