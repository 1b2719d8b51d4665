using JobRec.ML.Language.Answering;
using JobRec.ML.Language.Model;

namespace JobRec.Grains.Inference;

/// <summary>Finds and loads the serving QA checkpoint: the file named by JOBREC_QA_CHECKPOINT, or (for host entry points that opt in) the default cache file, or none (then ask answers extractively).</summary>
public static class QaCheckpointLocation
{
    /// <summary>Environment variable naming the QA language model checkpoint file.</summary>
    public const string EnvironmentVariable = "JOBREC_QA_CHECKPOINT";

    /// <summary>The configured checkpoint path, or null when the variable is unset or empty.</summary>
    public static string? Configured() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path ? path : null;

    /// <summary>The checkpoint a host should serve: the JOBREC_QA_CHECKPOINT file when the variable is set, else the default cache file (<see cref="LanguageModelCheckpoint.DefaultPath"/>) when one is there, else null.</summary>
    public static string? Resolve() =>
        Configured() ?? (File.Exists(LanguageModelCheckpoint.DefaultPath) ? LanguageModelCheckpoint.DefaultPath : null);

    /// <summary>For host entry points: names the default cache checkpoint in JOBREC_QA_CHECKPOINT for this process when the variable is unset and that file exists, so the silo loads it; returns the checkpoint that will be served, or null.</summary>
    public static string? UseDefaultWhenUnset()
    {
        var path = Resolve();
        if (path is not null && Configured() is null) Environment.SetEnvironmentVariable(EnvironmentVariable, path);
        return path;
    }

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
