using JobRec.Actors.Invocation;

namespace JobRec.Actors.Runtime;

/// <summary>The silo's grain factory: references whose calls go straight into the local runtime.</summary>
internal sealed class LocalGrainFactory : IGrainFactory
{
    private readonly GrainRuntime _runtime;

    public LocalGrainFactory(GrainRuntime runtime) => _runtime = runtime;

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"Grain key for {typeof(TGrainInterface).FullName} must be a non-empty string.", nameof(key));
        }

        var info = GrainInterfaceInfo.Get(typeof(TGrainInterface));
        _runtime.Registry.Resolve(info);
        return GrainProxy.Create<TGrainInterface>(new GrainReference(info, key), _runtime);
    }
}
