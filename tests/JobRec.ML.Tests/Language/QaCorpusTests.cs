using JobRec.ML.Language;
using JobRec.ML.Language.Answering;
using JobRec.ML.Language.Corpus;
using JobRec.ML.Language.Model;
using JobRec.ML.Language.Tokenization;

namespace JobRec.ML.Tests.Language;

public class QaCorpusTests
{
    private static readonly PostingFacts Posting = new("syn:1", "Data Engineer")
    {
        Company = "Acme", Location = "Austin, TX", Skills = ["Python", "Spark", "SQL"], Level = "mid-senior",
        EmploymentType = "full-time", SalaryMin = 90000, SalaryMax = 130000m, Description = "Build\n pipelines.",
    };

    [Fact]
    public void Serializes_every_known_field_as_sentences()
    {
        var text = PostingSerializer.ToSentences(Posting, descriptionChars: 100);
        Assert.Equal("The job title is Data Engineer. The hiring company is Acme. The job is located at Austin, TX. " +
                     "The required skills are Python, Spark, SQL. The experience level is mid-senior. The employment type is full-time. " +
                     "The salary is $90,000 to $130,000 per year. Build pipelines.", text);
        Assert.Equal("The job title is Nurse.", PostingSerializer.ToSentences(new PostingFacts("x", "Nurse")));
    }

    [Fact]
    public void Builds_one_example_per_known_field_with_the_field_as_answer()
    {
        var examples = QaExampleBuilder.Build(Posting).ToDictionary(e => e.Kind);
        Assert.Equal(6, examples.Count);
        Assert.Equal("What skills does the Data Engineer job at Acme require?", examples[QuestionKind.Skills].Question);
        Assert.Equal("Python, Spark, SQL", examples[QuestionKind.Skills].Answer);
        Assert.Equal("Austin, TX", examples[QuestionKind.Location].Answer);
        Assert.Equal("Acme", examples[QuestionKind.Company].Answer);
        Assert.Equal("$90,000 to $130,000 per year", examples[QuestionKind.Salary].Answer);
        Assert.All(examples.Values, e => Assert.Equal("syn:1", e.JobId));
        Assert.Single(QaExampleBuilder.Build(new PostingFacts("d", "Welder") { Skills = ["Welding"] }));
        var docs = QaExampleBuilder.TrainingDocuments([Posting]).ToList();
        Assert.Equal(7, docs.Count);
        Assert.StartsWith("Context: The job title is Data Engineer.", docs[1]);
        Assert.EndsWith(" per year.\nQuestion: What skills does the Data Engineer job at Acme require?\nAnswer: The required skills are Python, Spark, SQL.\n", docs[1]);
        var texts = QaExampleBuilder.TrainingTexts([Posting, Posting with { JobId = "syn:2" }, Posting with { JobId = "syn:3" }], sentencesEvery: 2).ToList();
        Assert.Equal(2, texts.Count(t => t.Prompt.Length == 0)); // sentences of postings 1 and 3
        Assert.Equal(" The required skills are Python, Spark, SQL.\n", texts[1].Completion);
        Assert.EndsWith("\nAnswer:", texts[1].Prompt);
    }

    [Fact]
    public void Answer_sentences_use_the_context_cue_and_give_the_value_back()
    {
        var context = PostingSerializer.ToSentences(Posting);
        foreach (var example in QaExampleBuilder.Build(Posting))
        {
            var sentence = AnswerSentence.Write(example.Kind, example.Answer);
            Assert.Contains(sentence, context); // the answer is a copy of one context sentence
            Assert.Equal(example.Answer, AnswerSentence.ValueOf(" " + sentence + " "));
        }
        Assert.Equal("Iron Financial Inc.", AnswerSentence.ValueOf("The hiring company is Iron Financial Inc.."));
        Assert.Equal("Austin, TX", AnswerSentence.ValueOf("The job is located at Austin, TX"));
        Assert.Equal("no cue here.", AnswerSentence.ValueOf(" no cue here. "));
        Assert.Equal("", AnswerSentence.ValueOf("The salary is"));
    }

    [Fact]
    public void Masked_corpus_learns_only_the_answer_and_end_of_text_of_qa_examples()
    {
        var tokenizer = ByteLevelBpeTokenizer.Train(SmallCorpus.Documents(20), 280);
        var qa = QaPromptFormat.TrainingText(new QaExample(QuestionKind.Location, "Where is it?", "Austin, TX", "x"), "The job is located at Austin, TX.");
        var corpus = TokenCorpus.Encode(tokenizer, [TrainingText.Whole("The job title is Nurse."), qa], maskPrompts: true);
        int sentenceTokens = tokenizer.Encode("The job title is Nurse.").Length + 1;
        int promptTokens = tokenizer.Encode(qa.Prompt).Length;
        int answerTokens = tokenizer.Encode(qa.Completion).Length + 1;
        Assert.Equal(sentenceTokens + promptTokens + answerTokens, corpus.Tokens.Length);
        Assert.Equal(sentenceTokens + answerTokens, corpus.LearnedCount);
        Assert.All(corpus.Learned!.Skip(sentenceTokens).Take(promptTokens), Assert.False);
        Assert.Equal(" The job is located at Austin, TX.\n", tokenizer.Decode(corpus.Tokens[(sentenceTokens + promptTokens)..^1]));

        // a window from the QA example's start has targets only where the next token is part of the answer
        var inputs = new int[corpus.Tokens.Length - sentenceTokens - 1];
        var targets = new int[inputs.Length];
        var qaOnly = new TokenCorpus(corpus.Tokens, [sentenceTokens], corpus.Learned);
        qaOnly.SampleWindow(new Random(1), inputs, targets);
        Assert.Equal(corpus.Tokens[sentenceTokens..^1], inputs);
        Assert.Equal(answerTokens, targets.Count(t => t >= 0));
        Assert.All(targets[..(promptTokens - 1)], t => Assert.Equal(-1, t));
        Assert.Equal(corpus.Tokens[(sentenceTokens + promptTokens)..], targets[(promptTokens - 1)..]);
        Assert.Equal(corpus.Tokens.Length, TokenCorpus.Encode(tokenizer, [TrainingText.Whole("The job title is Nurse."), qa], maskPrompts: false).LearnedCount);
        Assert.Throws<ArgumentException>(() => new TokenCorpus(corpus.Tokens, [0], new bool[3]));
    }

    [Fact]
    public void Answerer_rejects_empty_and_huge_questions_and_cites_the_posting_it_read()
    {
        var tokenizer = ByteLevelBpeTokenizer.Train(SmallCorpus.Documents(20), 280);
        var model = new LanguageModel(tokenizer, new TransformerModel(new TransformerConfig(tokenizer.VocabSize, 64, 16, 2, 1), seed: 2));
        var answerer = new QuestionAnswerer(model);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => answerer.Answer("  ", [Posting])).Message);
        var huge = Assert.Throws<ArgumentException>(() => answerer.Answer(new string('x', 100_000), [Posting]));
        Assert.Contains("100000 characters", huge.Message);
        Assert.Empty(answerer.Answer("What skills?", Array.Empty<PostingFacts>()).CitedJobIds);
        var answer = answerer.Answer("What skills does the Data Engineer job at Acme require?", [Posting, Posting with { JobId = "syn:2" }]);
        Assert.Equal(["syn:1"], answer.CitedJobIds);
        Assert.DoesNotContain("\n", answer.Text);

        var batch = answerer.AnswerBatch([new QaRequest("Where is the Data Engineer job?", [Posting]), new QaRequest("What does it pay?", [Posting with { JobId = "syn:3" }])], parallelism: 2);
        var single = answerer.Answer("Where is the Data Engineer job?", [Posting]);
        Assert.Equal(single.Text, batch[0].Text);
        Assert.Equal(single.CitedJobIds, batch[0].CitedJobIds);
        Assert.Equal(["syn:3"], batch[1].CitedJobIds);
        var engine = new JobRec.Data.Model.JobPosting("li:7", "Data Engineer", "Acme", "Austin, TX", "") { Skills = ["Python"] };
        Assert.Equal(["li:7"], answerer.Answer("What skills does the Data Engineer job at Acme require?", [engine]).CitedJobIds);
        Assert.Equal("Python", PostingSerializer.SkillsText(PostingFacts.From(engine)));
        var bad = Assert.Throws<ArgumentException>(() => answerer.AnswerBatch([new QaRequest("ok?", [Posting]), new QaRequest("", [Posting])]));
        Assert.Contains("request 1", bad.Message);
    }
}
