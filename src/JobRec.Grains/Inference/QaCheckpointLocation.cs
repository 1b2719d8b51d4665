using JobRec.ML.Language.Answering;
using JobRec.ML.Language.Model;

namespace JobRec.Grains.Inference;

/// <summary>Finds and loads the serving QA checkpoint: the file the host configures (hosts read <see cref="EnvironmentVariable"/>), or the
/// default cache file, or none (then ask answers extractively). Reads no environment itself.</summary>
public static class QaCheckpointLocation
{
    /// <summary>Environment variable the command-line host reads for the QA language model checkpoint file.</summary>
    public const string EnvironmentVariable = "JOBREC_QA_CHECKPOINT";

    /// <summary>The checkpoint to serve: <paramref name="configured"/> when given, else the default cache file
    /// (<see cref="LanguageModelCheckpoint.DefaultPath"/>) when one is there, else null.</summary>
    public static string? Resolve(string? configured) =>
        configured is { Length: > 0 } ? configured : File.Exists(LanguageModelCheckpoint.DefaultPath) ? LanguageModelCheckpoint.DefaultPath : null;

    /// <summary>An answerer over the checkpoint at <paramref name="path"/>, or null when <paramref name="path"/> is null.</summary>
    /// <exception cref="FileNotFoundException">A path was configured but no file is there.</exception>
    public static QuestionAnswerer? Load(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no QA checkpoint at '{path}'", path);
        }

        return new QuestionAnswerer(LanguageModelCheckpoint.Load(path));
    }
}
