namespace JobRec.Data.Readers;

/// <summary>Maps the sources' seniority and employment-type spellings to the engine's vocabulary.</summary>
public static class JobLevels
{
    /// <summary>"Mid senior", "Mid-Senior level", "Entry level", ... to "mid-senior", "entry", ...; empty when unknown.</summary>
    public static string Level(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        if (v.Length == 0) return "";
        if (v.Contains("intern")) return "internship";
        if (v.Contains("entry") || v.Contains("junior")) return "entry";
        if (v.Contains("associate")) return "associate";
        if (v.Contains("mid") || v.Contains("senior")) return "mid-senior";
        if (v.Contains("director")) return "director";
        if (v.Contains("executive")) return "executive";
        return "";
    }

    /// <summary>A level from years of experience required: 0-1 entry, 2-4 associate, 5-9 mid-senior, 10+ director.</summary>
    public static string FromYears(double years) => years switch
    {
        < 2 => "entry",
        < 5 => "associate",
        < 10 => "mid-senior",
        _ => "director",
    };

    /// <summary>"Full-time", "FULL_TIME", "Contract", ... to "full-time", "contract", ...; empty when unknown.</summary>
    public static string EmploymentType(string value)
    {
        var v = value.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        return v switch
        {
            "full-time" or "fulltime" => "full-time",
            "part-time" or "parttime" => "part-time",
            "contract" or "contractor" => "contract",
            "temporary" or "temp" => "temporary",
            "internship" or "intern" => "internship",
            _ => "",
        };
    }
}
