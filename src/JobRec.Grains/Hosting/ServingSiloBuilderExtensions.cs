using JobRec.Grains.Indexing.Placement;
using JobRec.Grains.Indexing;
using JobRec.Grains.Inference;
using JobRec.ML.Skills;
using JobRec.ML.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace JobRec.Grains.Hosting;

/// <summary>Registers the serving grains and their services (options, shard store, models) on a silo.</summary>
public static class ServingSiloBuilderExtensions
{
    /// <summary>Adds the services of the grains of JobRec.Grains (Orleans finds the grain classes by their generated code): the shard entry store (files under IndexDirectory, else memory), the inference models built from the encoder, scorer and classifier given, and the
    /// <see cref="ModelRefresher"/> that loads the active models of <see cref="ServingOptions.ModelStore"/> at start and swaps newer ones in.
    /// <paramref name="skills"/> extracts skills (the silo disposes it); null uses the dictionary matcher and says so.</summary>
    public static ISiloBuilder AddJobRecServing(this ISiloBuilder silo, ServingOptions options, ITextEncoder encoder,
        ICandidateScorer? scorer = null, IOccupationClassifier? classifier = null, SkillExtractor? skills = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(encoder);
        silo.Services.TryAddSingleton(options);
        silo.Services.TryAddSingleton<IShardEntryStore>(_ => options.IndexDirectory is { Length: > 0 } dir
            ? new FileShardEntryStore(dir, options.ShardCount)
            : new InMemoryShardEntryStore());
        // Index shards spread evenly over the silos (shard i on the (i mod n)-th), not where the first caller's gateway is.
        silo.Services.AddPlacementDirector<ShardSpreadPlacement, ShardSpreadPlacementDirector>();
        silo.Services.TryAddSingleton<JobRec.Grains.Catalog.OccupationTitleCache>();
        silo.Services.TryAddSingleton(_ => new ServingAdmission(options.MaxConcurrentRequests, options.MaxQueuedRequests));
        silo.Services.TryAddSingleton(_ => new SkillExtractionPool(skills ?? SkillExtractor.Dictionary("no skill tagger configured for this silo"), options));
        // No model trained yet: the linear scorer is the explicit fallback (reported as such by GET /models) until the store has an active one.
        silo.Services.TryAddSingleton(sp => new InferenceModels(encoder, scorer ?? new LinearCandidateScorer(), classifier, options)
        {
            Skills = sp.GetRequiredService<SkillExtractionPool>(),
        });
        silo.Services.TryAddSingleton<ModelRefresher>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<ModelRefresher>());
        return silo;
    }
}
