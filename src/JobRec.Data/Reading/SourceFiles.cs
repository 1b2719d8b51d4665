namespace JobRec.Data.Reading;

/// <summary>The files given to a source (files or folders), found by file name.</summary>
public sealed class SourceFiles
{
    private readonly List<string> _files = [];

    /// <summary>Expands folders (top level only) and keeps files; a path that does not exist throws naming it.</summary>
    public SourceFiles(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path)) _files.AddRange(Directory.GetFiles(path).Order(StringComparer.Ordinal));
            else if (File.Exists(path)) _files.Add(path);
            else throw new FileNotFoundException($"source path '{path}' does not exist", path);
        }
    }

    /// <summary>All files.</summary>
    public IReadOnlyList<string> All => _files;

    /// <summary>The first file whose name (case-insensitive, ignoring spaces, dots, dashes and underscores) equals one of <paramref name="names"/>, or null.</summary>
    public string? Find(params string[] names)
    {
        var wanted = names.Select(Squash).ToHashSet();
        return _files.FirstOrDefault(f => wanted.Contains(Squash(Path.GetFileName(f))));
    }

    /// <summary>Files whose squashed name contains <paramref name="fragment"/>.</summary>
    public IEnumerable<string> Containing(string fragment) =>
        _files.Where(f => Squash(Path.GetFileName(f)).Contains(Squash(fragment), StringComparison.Ordinal));

    private static string Squash(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
