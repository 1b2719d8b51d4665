using JobRec.ML.Language.Corpus;
using JobRec.ML.Language.Generation;

namespace JobRec.ML.Language.Answering;

/// <summary>Answers a question from retrieved postings: reads each of the top postings as context, generates an answer, keeps the most confident one and cites its posting.</summary>
public sealed class QuestionAnswerer
{
    /// <summary>Longest question accepted, in characters.</summary>
    public const int MaxQuestionChars = 1_000;

    private readonly LanguageModel _model;
    private readonly TextGenerator _generator;

    /// <summary>Creates an answerer over <paramref name="model"/>; <paramref name="postingsToRead"/> of the retrieved postings are tried as context.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="postingsToRead"/> is not positive.</exception>
    public QuestionAnswerer(LanguageModel model, int postingsToRead = 1, GenerationOptions? options = null)
    {
        if (postingsToRead <= 0) throw new ArgumentOutOfRangeException(nameof(postingsToRead), postingsToRead, "must read at least one posting");
        _model = model;
        _generator = new TextGenerator(model);
        PostingsToRead = postingsToRead;
        Options = options ?? new GenerationOptions { MaxNewTokens = Math.Min(48, model.Transformer.Config.ContextLength / 2), StopSequences = [QaPromptFormat.AnswerEnd] };
    }

    /// <summary>How many of the top retrieved postings are read.</summary>
    public int PostingsToRead { get; }
    /// <summary>Generation settings (greedy by default, stopping at the end of the answer line).</summary>
    public GenerationOptions Options { get; }

    /// <summary>Answers <paramref name="question"/> from <paramref name="retrieved"/> (best first); with no postings the answer says so and cites nothing.</summary>
    /// <exception cref="ArgumentException">The question is empty or longer than <see cref="MaxQuestionChars"/>.</exception>
    public QaAnswer Answer(string question, IReadOnlyList<PostingFacts> retrieved)
    {
        Validate(question);
        ArgumentNullException.ThrowIfNull(retrieved);
        if (retrieved.Count == 0) return new QaAnswer("No matching job postings were found.", [], 0);
        QaAnswer? best = null;
        foreach (var posting in retrieved.Take(PostingsToRead))
        {
            var generated = _generator.Generate(FitPrompt(question, posting), Options);
            var answer = new QaAnswer(AnswerSentence.ValueOf(generated.Text), [posting.JobId], generated.MeanLogProbability);
            if (best is null || answer.MeanLogProbability > best.MeanLogProbability) best = answer;
        }
        return best!;
    }

    /// <summary>Answers <paramref name="question"/> from engine postings (best first), e.g. the jobs of semantic search hits.</summary>
    /// <exception cref="ArgumentException">The question is empty or longer than <see cref="MaxQuestionChars"/>.</exception>
    public QaAnswer Answer(string question, IReadOnlyList<JobRec.Data.Model.JobPosting> retrieved)
    {
        ArgumentNullException.ThrowIfNull(retrieved);
        return Answer(question, retrieved.Select(PostingFacts.From).ToList());
    }

    /// <summary>Answers a micro-batch (the inference pool's unit of work) on up to <paramref name="parallelism"/> threads (0 = all cores); answers keep the request order.</summary>
    /// <exception cref="ArgumentException">A question is empty or too long; the message names its index. Nothing is generated then.</exception>
    public IReadOnlyList<QaAnswer> AnswerBatch(IReadOnlyList<QaRequest> requests, int parallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(requests);
        for (int i = 0; i < requests.Count; i++)
        {
            try { Validate(requests[i].Question); }
            catch (ArgumentException e) { throw new ArgumentException($"request {i}: {e.Message}", nameof(requests), e); }
        }
        var answers = new QaAnswer[requests.Count];
        Parallel.For(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount },
            i => answers[i] = Answer(requests[i].Question, requests[i].Postings));
        return answers;
    }

    /// <summary>Throws the error <see cref="Answer(string, IReadOnlyList{PostingFacts})"/> gives for a bad question.</summary>
    /// <exception cref="ArgumentException">The question is empty or longer than <see cref="MaxQuestionChars"/>.</exception>
    public static void Validate(string question)
    {
        if (string.IsNullOrWhiteSpace(question)) throw new ArgumentException("question is empty", nameof(question));
        if (question.Length > MaxQuestionChars)
            throw new ArgumentException($"question is {question.Length} characters long, the limit is {MaxQuestionChars}", nameof(question));
    }

    private int[] FitPrompt(string question, PostingFacts posting)
    {
        int room = _model.Transformer.Config.ContextLength - Options.MaxNewTokens;
        var context = PostingSerializer.ToSentences(posting);
        while (true)
        {
            var tokens = _model.Tokenizer.Encode(QaPromptFormat.Prompt(question, context));
            if (tokens.Length <= room) return tokens;
            int cut = context.LastIndexOf(". ", context.Length - 2, StringComparison.Ordinal);
            if (cut <= 0) return tokens[^room..]; // one very long sentence: keep the tail, where the answer cue is
            context = context[..(cut + 1)];
        }
    }
}
