namespace JobRec.Actors;

/// <summary>Marker for grain interfaces whose grains are identified by a non-empty string key.</summary>
public interface IGrainWithStringKey : IGrain
{
}
