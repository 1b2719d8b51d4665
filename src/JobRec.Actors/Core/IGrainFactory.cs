namespace JobRec.Actors;

/// <summary>Creates references to grains; a reference is location transparent and the grain activates on its first call.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain implementing <typeparamref name="TGrainInterface"/> with the given non-empty key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
