// Copies embedded manifest resources out of a .NET assembly without loading or running it
// (reads the PE file's metadata with System.Reflection.Metadata). deploy/setup.sh uses it to take the
// ONNX sentence encoders and their vocabulary out of the SentenceTransformers.* NuGet packages.
//   ModelResources list <assembly.dll>
//   ModelResources extract <assembly.dll> <resource-name> <output-file>
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

return ResourceTool.Run(args);

/// <summary>The command line of the resource extractor: one line on stderr and exit code 1 or 2 on any failure.</summary>
internal static class ResourceTool
{
    public static int Run(string[] args)
    {
        try
        {
            switch (args)
            {
                case ["list", var assembly]:
                    foreach (var (name, length) in List(assembly)) Console.WriteLine($"{name}\t{length}");
                    return 0;
                case ["extract", var assembly, var resource, var output]:
                    Extract(assembly, resource, output);
                    return 0;
                default:
                    Console.Error.WriteLine("usage: ModelResources list <assembly.dll> | extract <assembly.dll> <resource-name> <output-file>");
                    return 2;
            }
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ModelResources: {e.Message}");
            return 1;
        }
    }

    private static List<(string Name, long Length)> List(string assembly)
    {
        var list = new List<(string, long)>();
        Visit(assembly, (name, bytes) => list.Add((name, bytes.Length)));
        return list;
    }

    private static void Extract(string assembly, string resource, string output)
    {
        bool found = false;
        Visit(assembly, (name, bytes) =>
        {
            if (name != resource) return;
            found = true;
            var directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
            Directory.CreateDirectory(directory);
            // Write beside the target, then rename: a reader never sees half a model.
            var temporary = Path.Combine(directory, $".{Path.GetFileName(output)}.{Environment.ProcessId}.tmp");
            using (var stream = File.Create(temporary)) stream.Write(bytes);
            File.Move(temporary, output, overwrite: true);
        });
        if (!found) throw new InvalidOperationException($"{assembly}: no embedded resource named {resource}");
    }

    /// <summary>Calls <paramref name="visit"/> with the name and bytes of each resource embedded in the assembly file.</summary>
    private static unsafe void Visit(string assembly, Action<string, ReadOnlySpan<byte>> visit)
    {
        if (!File.Exists(assembly)) throw new FileNotFoundException($"{assembly}: file not found (restore the NuGet package first)");
        using var stream = File.OpenRead(assembly);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) throw new BadImageFormatException($"{assembly}: not a .NET assembly (no metadata)");
        var metadata = pe.GetMetadataReader();
        var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        var block = pe.GetSectionData(directory.RelativeVirtualAddress);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil) continue; // lives in another file: not embedded
            var name = metadata.GetString(resource.Name);
            long offset = resource.Offset;
            if (offset + 4 > directory.Size) throw new BadImageFormatException($"{assembly}: resource {name} starts at {offset}, past the resource directory ({directory.Size} bytes)");
            var start = block.Pointer + offset;
            int length = *(int*)start;
            if (length < 0 || offset + 4 + length > directory.Size) throw new BadImageFormatException($"{assembly}: resource {name} claims {length} bytes at offset {offset}, past the resource directory");
            visit(name, new ReadOnlySpan<byte>(start + 4, length));
        }
    }
}
