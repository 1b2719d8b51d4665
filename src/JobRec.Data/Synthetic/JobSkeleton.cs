namespace JobRec.Data.Synthetic;

/// <summary>The latent attributes of a synthetic job, drawn before its text: what the hidden utility looks at.</summary>
internal readonly record struct JobSkeleton(
    int Occupation, int City, int Level, bool Remote, int PostedDay, int ClosesDay, float Quality, int Company, ushort SkillMask)
{
    public bool AliveOn(int day) => day >= PostedDay && day < ClosesDay;
}
