using JobRec.Actors;
using JobRec.Contracts.Inference;

namespace JobRec.Grains.Inference;

/// <summary>Stateless worker pool running the models; requests from all workers of the silo meet in the <see cref="InferenceModels"/> micro-batchers.</summary>
[StatelessWorker(8)]
public sealed class InferenceWorkerGrain : Grain, IInferenceWorkerGrain
{
    private readonly InferenceModels _models;

    /// <summary>Created by the runtime with the silo's models.</summary>
    public InferenceWorkerGrain(InferenceModels models) => _models = models;

    /// <inheritdoc />
    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts) => _models.EncodeAsync(texts);

    /// <inheritdoc />
    public Task<float[]> ScoreAsync(IReadOnlyList<CandidateFeatures> candidates) => _models.ScoreAsync(candidates);

    /// <inheritdoc />
    public async Task<OccupationMatch> ClassifyAsync(string title, string description)
    {
        var result = await _models.ClassifyAsync([(title ?? "", description ?? "")]).ConfigureAwait(false);
        return result[0];
    }
}
