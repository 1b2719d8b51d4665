namespace JobRec.Data.Regions;

/// <summary>A US city with its state and a weight proportional to its job market size.</summary>
/// <param name="Name">City name.</param>
/// <param name="State">Two-letter state code.</param>
/// <param name="Weight">Relative size (metro population in millions, roughly).</param>
/// <param name="CostIndex">Relative cost of living (1.0 = national average), used for salaries.</param>
public sealed record UsCity(string Name, string State, double Weight, double CostIndex)
{
    /// <summary>"Name, ST".</summary>
    public string Location => $"{Name}, {State}";

    /// <summary>The largest US job markets, used by the synthetic market and for metro names in locations.</summary>
    public static IReadOnlyList<UsCity> All { get; } =
    [
        new("New York", "NY", 19.5, 1.30), new("Los Angeles", "CA", 12.8, 1.25), new("Chicago", "IL", 9.4, 1.05),
        new("Dallas", "TX", 7.9, 0.98), new("Houston", "TX", 7.3, 0.95), new("Washington", "DC", 6.3, 1.22),
        new("Philadelphia", "PA", 6.2, 1.04), new("Miami", "FL", 6.1, 1.05), new("Atlanta", "GA", 6.2, 0.98),
        new("Boston", "MA", 4.9, 1.25), new("Phoenix", "AZ", 5.0, 0.97), new("San Francisco", "CA", 4.6, 1.45),
        new("Riverside", "CA", 4.6, 1.05), new("Detroit", "MI", 4.3, 0.92), new("Seattle", "WA", 4.0, 1.28),
        new("Minneapolis", "MN", 3.7, 1.02), new("San Diego", "CA", 3.3, 1.20), new("Tampa", "FL", 3.3, 0.97),
        new("Denver", "CO", 3.0, 1.10), new("Baltimore", "MD", 2.8, 1.03), new("St. Louis", "MO", 2.8, 0.90),
        new("Orlando", "FL", 2.7, 0.96), new("Charlotte", "NC", 2.7, 0.97), new("San Antonio", "TX", 2.6, 0.90),
        new("Portland", "OR", 2.5, 1.08), new("Sacramento", "CA", 2.4, 1.08), new("Pittsburgh", "PA", 2.4, 0.91),
        new("Austin", "TX", 2.4, 1.05), new("Las Vegas", "NV", 2.3, 0.98), new("Cincinnati", "OH", 2.3, 0.90),
        new("Kansas City", "MO", 2.2, 0.90), new("Columbus", "OH", 2.1, 0.92), new("Indianapolis", "IN", 2.1, 0.90),
        new("Cleveland", "OH", 2.1, 0.88), new("San Jose", "CA", 2.0, 1.50), new("Nashville", "TN", 2.0, 0.98),
        new("Virginia Beach", "VA", 1.8, 0.96), new("Providence", "RI", 1.7, 1.00), new("Jacksonville", "FL", 1.6, 0.93),
        new("Milwaukee", "WI", 1.6, 0.92), new("Raleigh", "NC", 1.4, 0.98), new("Oklahoma City", "OK", 1.4, 0.86),
        new("Memphis", "TN", 1.3, 0.85), new("Richmond", "VA", 1.3, 0.95), new("Louisville", "KY", 1.3, 0.88),
        new("New Orleans", "LA", 1.3, 0.92), new("Salt Lake City", "UT", 1.3, 1.00), new("Hartford", "CT", 1.2, 1.02),
        new("Buffalo", "NY", 1.2, 0.88), new("Birmingham", "AL", 1.1, 0.85), new("Rochester", "NY", 1.1, 0.88),
        new("Grand Rapids", "MI", 1.1, 0.88), new("Tucson", "AZ", 1.0, 0.90), new("Honolulu", "HI", 1.0, 1.30),
        new("Omaha", "NE", 1.0, 0.88), new("Albuquerque", "NM", 0.9, 0.88), new("Boise", "ID", 0.8, 0.95),
        new("Des Moines", "IA", 0.7, 0.87), new("Little Rock", "AR", 0.7, 0.84), new("Madison", "WI", 0.7, 0.97),
        new("Wichita", "KS", 0.6, 0.84), new("Charleston", "SC", 0.8, 0.95), new("Portland", "ME", 0.6, 1.00),
        new("Manchester", "NH", 0.4, 1.00), new("Anchorage", "AK", 0.4, 1.10), new("Burlington", "VT", 0.2, 1.00),
        new("Wilmington", "DE", 0.7, 0.98), new("Jackson", "MS", 0.6, 0.82), new("Fargo", "ND", 0.3, 0.88),
        new("Sioux Falls", "SD", 0.3, 0.88), new("Billings", "MT", 0.2, 0.92), new("Cheyenne", "WY", 0.1, 0.90),
        new("Charleston", "WV", 0.2, 0.82), new("San Juan", "PR", 2.0, 0.80),
    ];
}
