using System.Collections.Concurrent;

namespace JobRec.Actors.Runtime;

/// <summary>The silo's directory of local activations: exactly one target per grain id, created on first call.</summary>
internal sealed class Catalog : IActivationOwner
{
    private readonly ConcurrentDictionary<GrainId, IGrainTarget> _targets = new();
    private readonly GrainRuntime _runtime;

    public Catalog(GrainRuntime runtime) => _runtime = runtime;

    public IEnumerable<IGrainTarget> Targets => _targets.Values;

    /// <summary>Delivers through the route's cached target when it still takes messages, else through the directory (caching the result).</summary>
    public void Dispatch(LocalRoute route, GrainRequest request)
    {
        if (route.Target is { } cached && cached.TryEnqueue(request))
        {
            return;
        }

        route.Target = Dispatch(route.GrainClass, request);
    }

    public IGrainTarget Dispatch(GrainClassInfo grainClass, GrainRequest request)
    {
        var id = request.Target;
        while (true)
        {
            if (!_targets.TryGetValue(id, out var target))
            {
                target = _targets.GetOrAdd(id, static (gid, s) => s.GrainClass.IsStatelessWorker
                    ? new StatelessWorkerPool(gid, s.GrainClass, s.Catalog._runtime)
                    : new Activation(gid, s.GrainClass, s.Catalog._runtime, s.Catalog), (GrainClass: grainClass, Catalog: this));
            }

            if (target.TryEnqueue(request))
            {
                return target;
            }

            _targets.TryRemove(new KeyValuePair<GrainId, IGrainTarget>(id, target));
        }
    }

    public void OnDeactivated(Activation activation) =>
        _targets.TryRemove(new KeyValuePair<GrainId, IGrainTarget>(activation.GrainId, activation));

    public IEnumerable<Activation> AllActivations() => _targets.Values.SelectMany(t => t.Activations);
}
