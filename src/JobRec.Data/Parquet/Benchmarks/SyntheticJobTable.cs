using JobRec.Data.Model;

namespace JobRec.Data.Parquet.Benchmarks;

/// <summary>A deterministic stream of realistic-looking job postings (templated descriptions, skewed companies and places) for the Parquet benchmark.</summary>
public static class SyntheticJobTable
{
    private static readonly (string Title, string Onet, string[] Skills)[] Occupations =
    [
        ("Software Engineer", "15-1252.00", ["C#", "Java", "Python", "SQL", "Kubernetes", "AWS", "Git", "REST APIs"]),
        ("Data Scientist", "15-2051.00", ["Python", "SQL", "Machine Learning", "Statistics", "PyTorch", "Spark", "Tableau"]),
        ("Registered Nurse", "29-1141.00", ["Patient Care", "BLS", "ACLS", "Epic", "Medication Administration", "Triage"]),
        ("Accountant", "13-2011.00", ["GAAP", "Excel", "QuickBooks", "Reconciliation", "Audit", "Tax Preparation"]),
        ("Sales Representative", "41-4012.00", ["CRM", "Salesforce", "Negotiation", "Prospecting", "Account Management"]),
        ("Warehouse Associate", "53-7062.00", ["Forklift", "Inventory", "Shipping", "RF Scanner", "Safety"]),
        ("Project Manager", "11-9199.00", ["Agile", "Scrum", "Jira", "Budgeting", "Stakeholder Management", "PMP"]),
        ("Customer Service Representative", "43-4051.00", ["Communication", "Zendesk", "Problem Solving", "Data Entry"]),
        ("Mechanical Engineer", "17-2141.00", ["SolidWorks", "AutoCAD", "FEA", "GD&T", "Prototyping"]),
        ("Marketing Manager", "11-2021.00", ["SEO", "Google Analytics", "Content Strategy", "HubSpot", "Paid Media"]),
        ("Truck Driver", "53-3032.00", ["CDL-A", "DOT Regulations", "Route Planning", "Logbooks"]),
        ("Financial Analyst", "13-2051.00", ["Financial Modeling", "Excel", "Forecasting", "SQL", "Power BI"]),
    ];

    private static readonly string[] Seniority = ["Junior ", "", "", "Senior ", "Lead ", "Principal "];
    private static readonly string[] Levels = ["entry", "associate", "mid-senior", "mid-senior", "director", "internship"];
    private static readonly string[] Types = ["full-time", "full-time", "full-time", "contract", "part-time", "temporary"];
    private static readonly string[] CompanyA = ["Blue", "North", "Summit", "Apex", "River", "Golden", "Pioneer", "Vertex", "Cedar", "Atlas", "Harbor", "Bright"];
    private static readonly string[] CompanyB = ["Health", "Logistics", "Systems", "Financial", "Labs", "Retail", "Energy", "Analytics", "Foods", "Networks"];
    private static readonly string[] CompanyC = ["Inc.", "LLC", "Group", "Corporation", "Partners", "Co."];
    private static readonly (string City, string State)[] Places =
    [
        ("New York", "NY"), ("Austin", "TX"), ("Dallas", "TX"), ("Houston", "TX"), ("Chicago", "IL"), ("Seattle", "WA"), ("San Francisco", "CA"),
        ("Los Angeles", "CA"), ("San Diego", "CA"), ("Boston", "MA"), ("Atlanta", "GA"), ("Denver", "CO"), ("Phoenix", "AZ"), ("Miami", "FL"),
        ("Orlando", "FL"), ("Charlotte", "NC"), ("Raleigh", "NC"), ("Columbus", "OH"), ("Detroit", "MI"), ("Minneapolis", "MN"),
        ("Nashville", "TN"), ("Portland", "OR"), ("Salt Lake City", "UT"), ("Philadelphia", "PA"), ("Pittsburgh", "PA"),
    ];

    private static readonly string[] Duties =
    [
        "Design, build and maintain reliable systems that serve millions of customers.",
        "Collaborate with cross-functional partners to define requirements and deliver on commitments.",
        "Own projects end to end, from planning through execution and follow-up.",
        "Analyze data to identify trends, risks and opportunities for improvement.",
        "Prepare clear reports and present findings to leadership on a regular cadence.",
        "Mentor junior team members and contribute to a culture of continuous learning.",
        "Ensure compliance with company policies, safety standards and applicable regulations.",
        "Respond to customer inquiries promptly and resolve issues with empathy.",
        "Coordinate schedules, resources and budgets across multiple teams.",
        "Identify process bottlenecks and implement practical, measurable improvements.",
        "Maintain accurate records in our systems of record and keep documentation current.",
        "Participate in an on-call rotation and help investigate production incidents.",
        "Build strong relationships with clients, vendors and internal stakeholders.",
        "Support month-end and quarter-end activities with accurate, timely work.",
        "Evaluate new tools and techniques and recommend the ones that fit our needs.",
        "Drive initiatives that improve quality, reduce cost and increase customer satisfaction.",
    ];

    private static readonly string[] Requirements =
    [
        "Bachelor's degree in a related field or equivalent practical experience.",
        "Strong written and verbal communication skills.",
        "Ability to work independently and manage competing priorities in a fast-paced environment.",
        "Proficiency with {0} and {1}.",
        "Hands-on experience with {0} in a production setting.",
        "Valid driver's license and ability to travel up to 25% of the time.",
        "Excellent attention to detail and strong organizational skills.",
        "Experience working with distributed teams across time zones.",
        "Relevant certification is a plus.",
        "Ability to lift up to 50 pounds and stand for extended periods.",
    ];

    private static readonly string[] Benefits =
    [
        "We offer competitive pay, medical, dental and vision insurance, a 401(k) with company match, and paid time off.",
        "Benefits include health coverage from day one, tuition reimbursement, parental leave and an employee stock purchase plan.",
        "Enjoy flexible schedules, generous PTO, wellness programs and opportunities for career growth.",
        "We are an equal opportunity employer and value diversity at our company. We do not discriminate on the basis of race, religion, color, national origin, gender, sexual orientation, age, marital status, veteran status, or disability status.",
    ];

    /// <summary>Yields <paramref name="count"/> postings generated from <paramref name="seed"/>; the same arguments always give the same table.</summary>
    public static IEnumerable<JobPosting> Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var sb = new System.Text.StringBuilder(2048);
        for (int i = 0; i < count; i++)
        {
            var occupation = Occupations[Skewed(random, Occupations.Length)];
            var place = Places[Skewed(random, Places.Length)];
            string company = $"{CompanyA[Skewed(random, CompanyA.Length)]} {CompanyB[random.Next(CompanyB.Length)]} {CompanyC[random.Next(CompanyC.Length)]}";
            int seniority = random.Next(Seniority.Length);
            string title = Seniority[seniority] + occupation.Title + (random.Next(8) == 0 ? $" {(char)('I' + random.Next(2))}" : "");
            var skills = occupation.Skills.OrderBy(_ => random.Next()).Take(2 + random.Next(4)).ToList();
            bool remote = random.Next(5) == 0;
            decimal? salaryMin = random.Next(3) == 0 ? null : 30_000 + (random.Next(140) * 1000);
            sb.Clear();
            sb.Append(company).Append(" is hiring a ").Append(title).Append(remote ? " (remote)" : " in ").Append(remote ? "" : $"{place.City}, {place.State}").Append(". ");
            sb.Append("About the role: ");
            int duties = 4 + random.Next(4);
            for (int d = 0; d < duties; d++)
            {
                sb.Append(Duties[random.Next(Duties.Length)]).Append(' ');
            }

            sb.Append("What you bring: ").Append(2 + random.Next(6)).Append("+ years of experience as a ").Append(occupation.Title.ToLowerInvariant()).Append(". ");
            int requirements = 3 + random.Next(3);
            for (int r = 0; r < requirements; r++)
            {
                sb.AppendFormat(Requirements[random.Next(Requirements.Length)], skills[0], skills[^1]).Append(' ');
            }

            if (salaryMin is { } min)
            {
                sb.Append("The pay range for this role is $").Append(min.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append(" to $")
                    .Append((min * 1.3m).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append(" per year. ");
            }

            sb.Append(Benefits[random.Next(Benefits.Length)]).Append(" Job ID: ").Append(random.Next(100_000, 999_999)).Append('.');
            var posted = start.AddSeconds(random.Next(0, 300 * 86400));
            yield return new JobPosting($"syn:{i}", title, company, remote ? "United States" : $"{place.City}, {place.State}", sb.ToString())
            {
                Region = remote ? "" : place.State,
                Skills = skills,
                Level = Levels[Math.Min(seniority, Levels.Length - 1)],
                EmploymentType = Types[random.Next(Types.Length)],
                Remote = remote,
                SalaryMin = salaryMin,
                SalaryMax = salaryMin * 1.3m,
                OnetCode = occupation.Onet,
                PostedAt = posted,
                ClosesAt = random.Next(2) == 0 ? null : posted.AddDays(30),
                Source = "synthetic",
            };
        }
    }

    // A Zipf-like pick: low indexes far more often, as real company and city counts are.
    private static int Skewed(Random random, int n) => (int)Math.Min(n - 1, Math.Floor(n * Math.Pow(random.NextDouble(), 2)));
}
