namespace JobRec.Data.Synthetic;

/// <summary>Deterministic fictional company names.</summary>
public static class SyntheticCompanies
{
    private static readonly string[] First =
    [
        "Blue", "North", "Summit", "Pioneer", "Harbor", "Granite", "Bright", "Cedar", "Atlas", "Vertex", "Evergreen", "Silver",
        "Iron", "Maple", "Lakeside", "River", "Redwood", "Golden", "Prairie", "Coastal", "Union", "Keystone", "Allied", "Metro",
        "Beacon", "Frontier", "Liberty", "Heritage", "Crescent", "Sterling", "Horizon", "Pinnacle",
    ];

    private static readonly string[] Second =
    [
        "Health", "Systems", "Logistics", "Foods", "Labs", "Partners", "Group", "Solutions", "Industries", "Financial", "Energy",
        "Retail", "Works", "Analytics", "Care", "Manufacturing", "Services", "Technologies", "Construction", "Media", "Bank",
        "Software", "Hospitality", "Motors",
    ];

    private static readonly string[] Suffix = ["", " Inc.", " LLC", " Co.", " Corp.", " Holdings"];

    /// <summary>The name of company <paramref name="index"/> under <paramref name="seed"/>.</summary>
    public static string Name(ulong seed, int index)
    {
        var r = new DeterministicRandom(seed, 3, (ulong)index);
        var name = $"{First[r.Next(First.Length)]} {Second[r.Next(Second.Length)]}{Suffix[r.Next(Suffix.Length)]}";
        return index < First.Length * Second.Length ? name : $"{name} {index / (First.Length * Second.Length) + 1}";
    }
}
