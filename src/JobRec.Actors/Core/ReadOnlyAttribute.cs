namespace JobRec.Actors;

/// <summary>
/// Marks a grain interface method that does not change the grain's state: calls to read-only methods of one activation may run
/// at the same time as each other (on several threads), never at the same time as any other call, which waits until they finish.
/// </summary>
/// <remarks>Like Orleans' <c>[ReadOnly]</c>. The method must only read fields that other methods write; a grain whose reads share
/// mutable scratch state must not use it.</remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute
{
}
