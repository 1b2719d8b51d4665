using JobRec.Data.Model;
using JobRec.Data.Readers.JobViews;
using JobRec.Data.Reading;

namespace JobRec.Evaluation.Corpus;

/// <summary>Loads Job_Views-format files (views, optional Experience / Positions_Of_Interest profiles) into an <see cref="InteractionCorpus"/>.</summary>
public static class JobViewsCorpusLoader
{
    /// <summary>Reads a views file (any name, Job_Views.csv columns) and, when given, the profile files of a folder.</summary>
    /// <param name="viewsPath">The views CSV.</param>
    /// <param name="profilesFolder">A folder holding Experience.csv and/or Positions_Of_Interest.csv, or null.</param>
    /// <param name="report">Receives counts and the first bad rows (file:line: reason).</param>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="InvalidDataException">The views file yields no interactions.</exception>
    public static InteractionCorpus Load(string viewsPath, string? profilesFolder, ReadReport report)
    {
        if (!File.Exists(viewsPath)) throw new FileNotFoundException($"views file '{viewsPath}' does not exist", viewsPath);
        if (profilesFolder is not null && !Directory.Exists(profilesFolder))
            throw new FileNotFoundException($"profiles folder '{profilesFolder}' does not exist", profilesFolder);

        // JobViewsSource finds files by name; a views file under another name is linked as Job_Views.csv in a private folder.
        string? linkFolder = null;
        string views = viewsPath;
        if (!string.Equals(Path.GetFileName(viewsPath), "Job_Views.csv", StringComparison.OrdinalIgnoreCase))
        {
            linkFolder = Directory.CreateTempSubdirectory("jobrec-views-").FullName;
            views = Path.Combine(linkFolder, "Job_Views.csv");
            File.CreateSymbolicLink(views, Path.GetFullPath(viewsPath));
        }
        try
        {
            var paths = new List<string> { views };
            if (profilesFolder is not null)
            {
                foreach (var name in new[] { "Experience.csv", "Positions_Of_Interest.csv" })
                {
                    var file = Path.Combine(profilesFolder, name);
                    if (File.Exists(file)) paths.Add(file);
                }
            }
            var jobs = new List<JobPosting>();
            var users = new List<UserProfile>();
            var interactions = new List<Interaction>();
            foreach (var item in new JobViewsSource(paths).Read(report))
            {
                if (item.Job is { } job) jobs.Add(job);
                else if (item.User is { } user) users.Add(user);
                else if (item.Interaction is { } interaction) interactions.Add(interaction);
            }
            if (interactions.Count == 0)
                throw new InvalidDataException($"views file '{viewsPath}' holds no readable view rows ({report.Rejected} rejected{FirstIssue(report)})");
            return new InteractionCorpus(jobs, users, interactions) { Description = Path.GetFileName(viewsPath) };
        }
        finally
        {
            if (linkFolder is not null) Directory.Delete(linkFolder, recursive: true);
        }
    }

    private static string FirstIssue(ReadReport report) => report.Issues.Count == 0 ? "" : $"; first: {report.Issues[0]}";
}
