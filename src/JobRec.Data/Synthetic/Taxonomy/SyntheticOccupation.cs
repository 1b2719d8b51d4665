using JobRec.Data.Model;

namespace JobRec.Data.Synthetic.Taxonomy;

/// <summary>An occupation of the built-in taxonomy: O*NET-style code, title variants, skill set, pay and size.</summary>
/// <param name="Index">Position in <see cref="BuiltinTaxonomy.Occupations"/>.</param>
/// <param name="Code">O*NET-SOC style code ("15-1252.00").</param>
/// <param name="Title">Preferred title.</param>
/// <param name="Variants">Title variants used in postings and resumes.</param>
/// <param name="Skills">The occupation's skills (at most 16).</param>
/// <param name="MedianSalary">Median yearly salary in USD at mid level.</param>
/// <param name="Weight">Relative number of jobs and workers.</param>
/// <param name="Duties">What the job does, as a verb phrase.</param>
public sealed record SyntheticOccupation(int Index, string Code, string Title, IReadOnlyList<string> Variants, IReadOnlyList<string> Skills,
    decimal MedianSalary, double Weight, string Duties)
{
    /// <summary>The two-digit major group ("15" = computer and mathematical).</summary>
    public string MajorGroup => Code[..2];

    /// <summary>The occupation in the domain model's terms.</summary>
    public Occupation ToOccupation() => new(Code, Title, $"Workers who {Duties}.")
    {
        AlternateTitles = Variants,
        Taxonomy = "onet",
    };
}
