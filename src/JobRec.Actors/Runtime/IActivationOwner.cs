namespace JobRec.Actors.Runtime;

/// <summary>Where an activation is registered (the catalog or a stateless worker pool); told when it is gone.</summary>
internal interface IActivationOwner
{
    void OnDeactivated(Activation activation);
}
