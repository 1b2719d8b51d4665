using JobRec.Data.Model;

namespace JobRec.ML.Tests.Onet;

/// <summary>Three O*NET occupations with three alternate titles each, for unit tests of the classifier and its evidences.</summary>
internal static class ToyOnetData
{
    public static readonly Occupation[] Occupations =
    [
        new("29-1141.00", "Registered Nurses", "Assess patient health problems and needs, administer nursing care in hospitals."),
        new("53-3032.00", "Heavy and Tractor-Trailer Truck Drivers", "Drive a tractor-trailer combination or truck to transport goods."),
        new("15-1252.00", "Software Developers", "Research, design, and develop computer software systems and applications."),
    ];

    public static readonly TitleLabel[] Titles =
    [
        new("29-1141.00", "Staff Nurse"), new("29-1141.00", "ICU Nurse"), new("29-1141.00", "Charge Nurse RN"),
        new("53-3032.00", "Long Haul Truck Driver"), new("53-3032.00", "Semi Driver"), new("53-3032.00", "CDL Driver"),
        new("15-1252.00", "Java Developer"), new("15-1252.00", "Backend Software Engineer"), new("15-1252.00", "Application Developer"),
    ];
}
