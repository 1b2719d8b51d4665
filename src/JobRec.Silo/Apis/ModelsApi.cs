using System.Globalization;
using JobRec.Grains.Inference;
using JobRec.ML.Models;
using JobRec.Measurement;

namespace JobRec.Silo.Apis;

/// <summary>HTTP routes of the models this silo serves.</summary>
public static class ModelsApi
{
    /// <summary>Maps GET /models (each slot: name, version, kind, source, training data, metrics, evaluation, last refusal) and
    /// GET /models/recommender/evaluation.svg (the MAP@K curves of the active recommender's stored evaluation; 404 when it has none).</summary>
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/models").WithTags("Models");
        api.MapGet("/", (InferenceModels models) => TypedResults.Ok(models.Served))
            .WithSummary("The models this silo serves: name, version, kind, where from (store, fallback, host), training data and metrics");
        api.MapGet("/recommender/evaluation.svg", EvaluationPlot)
            .WithSummary("MAP@K plot of the evaluation stored with the active recommender model");
        return api;
    }

    private static IResult EvaluationPlot(InferenceModels models)
    {
        var evaluation = models.ServedModel(ModelNames.Recommender)?.Metadata?.Evaluation;
        if (evaluation is not { Count: > 0 })
        {
            return TypedResults.NotFound();
        }

        var meta = models.ServedModel(ModelNames.Recommender)!.Metadata!;
        var chart = new SvgLineChart
        {
            Title = $"MAP@K, {meta.Kind} v{meta.Version.ToString(CultureInfo.InvariantCulture)} and baselines",
            XLabel = "K",
            YLabel = "MAP@K",
        };
        foreach (var row in evaluation.Where(r => r.MapCurve.Count > 0))
        {
            chart.Add(row.Model, row.MapCurve.Select((map, i) => ((double)(i + 1), map)));
        }

        return TypedResults.Text(chart.Render(), "image/svg+xml; charset=utf-8");
    }
}
