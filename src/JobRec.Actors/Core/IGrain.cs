namespace JobRec.Actors;

/// <summary>Marker for every grain interface; its methods must return Task, Task{T}, ValueTask or ValueTask{T}.</summary>
public interface IGrain
{
}
