using JobRec.ML.Language.Answering;
using JobRec.ML.Language.Model;

namespace JobRec.Grains.Inference;

/// <summary>Finds and loads the serving QA checkpoint: the file named by JOBREC_QA_CHECKPOINT, or none (then ask answers extractively).</summary>
public static class QaCheckpointLocation
{
    /// <summary>Environment variable naming the QA language model checkpoint file.</summary>
    public const string EnvironmentVariable = "JOBREC_QA_CHECKPOINT";

    /// <summary>The configured checkpoint path, or null when the variable is unset or empty.</summary>
    public static string? Configured() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path ? path : null;

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
            throw new FileNotFoundException($"{EnvironmentVariable}: no QA checkpoint at '{path}'", path);
        }

        return new QuestionAnswerer(LanguageModelCheckpoint.Load(path));
    }
}
