using JobRec.ML.Onet;

namespace JobRec.Cli.Commands;

/// <summary>The O*NET model settings the commands share: <c>evaluate onet</c> and <c>onet train</c> build the same model unless told otherwise.</summary>
internal static class OnetClassifierDefaults
{
    /// <summary>Encoder of the model's sentence-embedding evidence by default: MiniLM. The O*NET-tuned <c>minilm-onet</c> lifts each encoder evidence on
    /// the development titles, but the whole re-ranked model scores the same there (docs/EVALUATION.md), and making it costs about half an hour of CPU.</summary>
    public const string EncoderName = JobRec.ML.Text.TextEncoderCatalog.MiniLm;

    /// <summary>Cross-fitted folds of training titles that give the re-ranker lists by default: three (with MiniLM, 0.5288 re-ranked top-1 on the
    /// development titles against 0.5194 with none; docs/EVALUATION.md). With <c>minilm-onet</c>, whose training saw those titles, 0 is the honest choice.</summary>
    public const int RerankFolds = 3;

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
