using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts;
using JobRec.Contracts.Ask;
using JobRec.Contracts.Inference;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Search;
using JobRec.Contracts.Skills;
using JobRec.ML.Language.Answering;

namespace JobRec.Grains.Inference;

/// <summary>Stateless worker pool running the models; requests from all workers of the silo meet in the <see cref="InferenceModels"/> micro-batchers.
/// Reentrant: an ask waits on a search that calls back into the pool to encode, which must not queue behind the asks.</summary>
[GrainType("JobRec.Grains.Inference.InferenceWorkerGrain")]
[StatelessWorker(8)]
[Reentrant]
public sealed class InferenceWorkerGrain : Grain, IInferenceWorkerGrain
{
    private readonly InferenceModels _models;
    private readonly SkillExtractionPool _skills;

    /// <summary>Created by the runtime with the silo's models.</summary>
    public InferenceWorkerGrain(InferenceModels models, SkillExtractionPool skills)
    {
        _models = models;
        _skills = skills;
    }

    /// <inheritdoc />
    public Task<SkillExtractResponse[]> ExtractSkillsAsync(IReadOnlyList<string> texts, int maxCharacters) => _skills.ExtractAsync(texts, maxCharacters);

    /// <inheritdoc />
    public Task<SkillExtractResponse[]> ExtractImportSkillsAsync(IReadOnlyList<string> texts) => _skills.ExtractForImportAsync(texts);

    /// <inheritdoc />
    public Task<SkillModelInfo> GetSkillModelAsync() => Task.FromResult(_skills.Info);

    /// <summary>Most texts one <see cref="EncodeAsync"/> call may carry.</summary>
    public const int MaxTextsPerCall = 1024;

    /// <inheritdoc />
    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts)
    {
        GrainArguments.Count("texts", texts, MaxTextsPerCall);
        for (var i = 0; i < texts.Count; i++)
        {
            GrainArguments.Text($"texts[{i}]", texts[i], ContractLimits.MaxEncodedTextLength);
        }

        return _models.EncodeAsync(texts);
    }

    /// <inheritdoc />
    public Task<float[]> ScoreAsync(IReadOnlyList<CandidateFeatures> candidates)
    {
        GrainArguments.Count("candidates", candidates);
        return _models.ScoreAsync(candidates);
    }

    /// <inheritdoc />
    public async Task<OccupationMatch> ClassifyAsync(string title, string description)
    {
        GrainArguments.Text("title", title ?? "", ContractLimits.MaxTitleLength);
        GrainArguments.Text("description", description ?? "", ContractLimits.MaxDescriptionLength);
        var result = await _models.ClassifyAsync([(title ?? "", description ?? "")]);
        return result[0];
    }

    /// <inheritdoc />
    public async Task<AskResponse> AskAsync(AskRequest request)
    {
        AskValidation.Validate(request);
        var search = await GrainFactory.GetGrain<ISearchGrain>("0")
            .SearchAsync(new SearchRequest(AskPostings.Tail(request.Question, ContractLimits.MaxQueryLength), request.K));
        var jobs = await Task.WhenAll(search.Hits.Select(h => GrainFactory.GetGrain<IJobGrain>(h.Job.Id).GetAsync()));
        var postings = jobs.OfType<JobView>().Select(AskPostings.From).ToList();
        if (_models.Answerer is not null)
        {
            var question = AskPostings.Tail(request.Question, QuestionAnswerer.MaxQuestionChars);
            var answer = (await _models.AnswerAsync([new QaRequest(question, postings)]))[0];
            return new AskResponse(request.Question, answer.Text, answer.CitedJobIds, AskModels.LanguageModel, answer.MeanLogProbability, search.Hits);
        }

        var top = postings.FirstOrDefault();
        var extracted = ExtractiveAnswerer.Answer(request.Question, top);
        return new AskResponse(request.Question, extracted, top is null ? [] : [top.JobId], AskModels.Extractive, 0, search.Hits);
    }
}
