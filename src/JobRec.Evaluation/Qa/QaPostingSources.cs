using JobRec.Data.Model;
using JobRec.Data.Readers.Arshkon;
using JobRec.Data.Readers.Dice;
using JobRec.Data.Readers.LinkedIn;
using JobRec.Data.Reading;
using JobRec.Data.Hashing;

namespace JobRec.Evaluation.Qa;

/// <summary>Reads the postings the QA model is trained and evaluated on from a data folder laid out like ../shared/data (Dice, arshkon and asaniczka LinkedIn samples).</summary>
public static class QaPostingSources
{
    /// <summary>Sub-folder names read, with the source that reads each.</summary>
    public static readonly IReadOnlyList<(string Folder, Func<string, IDataSource> Source)> Folders =
    [
        ("dice_jobs_2016", path => new DiceSource([path])),
        ("linkedin_arshkon_2024_sample", path => new ArshkonPostingsSource([path])),
        ("linkedin_asaniczka_2024_sample", path => new LinkedIn2024Source([path])),
    ];

    /// <summary>All postings found under <paramref name="dataDirectory"/>; folders that are absent are skipped and listed in <paramref name="log"/>.</summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="dataDirectory"/> does not exist.</exception>
    public static List<JobPosting> Load(string dataDirectory, ReadReport report, TextWriter? log = null)
    {
        if (!Directory.Exists(dataDirectory)) throw new DirectoryNotFoundException($"QA data folder not found: {dataDirectory}");
        var postings = new List<JobPosting>();
        foreach (var (folder, create) in Folders)
        {
            var path = Path.Combine(dataDirectory, folder);
            if (!Directory.Exists(path)) { log?.WriteLine($"qa: {path} not found, skipped"); continue; }
            int before = postings.Count;
            foreach (var item in create(path).Read(report))
                if (item.Job is { } job) postings.Add(job);
            log?.WriteLine($"qa: {postings.Count - before} postings from {folder}");
        }
        return postings;
    }

    /// <summary>True when <paramref name="jobId"/> falls in the held-out split (a stable hash puts 1 in <paramref name="modulus"/> there).</summary>
    public static bool IsHeldOut(string jobId, int modulus = 20)
    {
        return Fnv1a.Hash32(jobId) % (uint)modulus == 0;
    }
}
