using JobRec.ML.Onet;

namespace JobRec.Cli.Commands;

/// <summary>The O*NET model settings the commands share: <c>evaluate onet</c> and <c>onet train</c> build the same model unless told otherwise.</summary>
internal static class OnetClassifierDefaults
{
    /// <summary>Encoder of the model's sentence-embedding evidence by default: MiniLM with its top layers fine-tuned on O*NET training titles
    /// (<c>jobrec onet fine-tune-encoder</c>), better than MiniLM on every encoder evidence on the development titles (docs/EVALUATION.md).</summary>
    public const string EncoderName = JobRec.ML.Text.TextEncoderCatalog.MiniLmOnet;

    /// <summary>Cross-fitted folds of training titles that give the re-ranker lists by default: none, so the re-ranker learns from the development
    /// titles' lists alone (titles no fine-tuning saw). Fold lists are scored on training titles, which the default encoder was fine-tuned on;
    /// with it, three folds score the same on the development titles (docs/EVALUATION.md) at five model trainings instead of two.</summary>
    public const int RerankFolds = 0;

    /// <summary>Epochs of the fine-tuned USE-Lite title classifier by default (0: none).</summary>
    public const int EncoderEpochs = 0;

    /// <summary>Why <paramref name="epochs"/> fine-tuning epochs cannot go with the encoder <paramref name="encoderName"/> (fine-tuning
    /// works on USE-Lite only), as the tail of a one-line error; null when they agree.</summary>
    public static string? EncoderMismatch(int epochs, string encoderName) =>
        epochs > 0 && encoderName != JobRec.ML.Text.TextEncoderCatalog.UseLite
            ? $"--encoder-epochs {epochs} fine-tunes USE-Lite and needs --encoder use-lite (got {encoderName})"
            : null;

    /// <summary>The fine-tuned encoder classifier's settings for <paramref name="epochs"/> epochs, or null (off) for 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">epochs is negative.</exception>
    public static EncoderClassifierOptions? Encoder(int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        return epochs == 0 ? null : new EncoderClassifierOptions(Epochs: epochs);
    }
}
