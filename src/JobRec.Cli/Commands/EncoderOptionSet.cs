using System.CommandLine;
using JobRec.ML.Text;
using JobRec.Cli.Options;
using JobRec.ML.Text.Onnx;

namespace JobRec.Cli.Commands;

/// <summary>The text-encoder options a command shares: <c>--encoder</c> (a <see cref="TextEncoderCatalog"/> name) and the ONNX Runtime settings
/// <c>--encoder-threads</c>, <c>--encoder-batch</c>, <c>--encoder-execution</c>; <see cref="Create"/> builds the chosen encoder from them.</summary>
internal sealed class EncoderOptionSet
{
    /// <summary>Creates the options; <paramref name="defaultEncoder"/> is the <c>--encoder</c> default and <paramref name="description"/> its help text.</summary>
    public EncoderOptionSet(string defaultEncoder, string? description = null)
    {
        Encoder = new Option<string>("--encoder")
        {
            Description = description ?? "Text encoder: minilm (all-MiniLM-L6-v2, 384-d), arctic-xs (snowflake-arctic-embed-xs, 384-d), use-lite (USE-Lite 512-d), hashed (lexical)",
            DefaultValueFactory = _ => defaultEncoder,
        };
        Encoder.AcceptOnlyFromAmong([.. TextEncoderCatalog.Names]);
        Threads = new Option<int>("--encoder-threads") { Description = "Threads of one ONNX encoder call (0: one per processor)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        Batch = new Option<int>("--encoder-batch") { Description = "Texts per ONNX encoder call", DefaultValueFactory = _ => new OnnxEncoderOptions().BatchSize }.AtLeast(1);
        Execution = new Option<OnnxExecutionPreference>("--encoder-execution")
        {
            Description = "Where ONNX encoders run: auto (CUDA when built with -p:JobRecGpu=true and a GPU is present, else CPU), cpu, cuda",
            DefaultValueFactory = _ => OnnxExecutionPreference.Auto,
        };
    }

    /// <summary><c>--encoder</c>.</summary>
    public Option<string> Encoder { get; }

    /// <summary><c>--encoder-threads</c>.</summary>
    public Option<int> Threads { get; }

    /// <summary><c>--encoder-batch</c>.</summary>
    public Option<int> Batch { get; }

    /// <summary><c>--encoder-execution</c>.</summary>
    public Option<OnnxExecutionPreference> Execution { get; }

    /// <summary>Adds the four options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Encoder, Threads, Batch, Execution }) command.Options.Add(option);
    }

    /// <summary>The chosen encoder's name.</summary>
    public string Name(ParseResult parseResult) => parseResult.GetValue(Encoder)!;

    /// <summary>The ONNX settings given on the command line.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public OnnxEncoderOptions OnnxOptions(ParseResult parseResult)
    {
        var options = new OnnxEncoderOptions(IntraOpThreads: parseResult.GetValue(Threads), BatchSize: parseResult.GetValue(Batch), Execution: parseResult.GetValue(Execution));
        options.Validate();
        return options;
    }

    /// <summary>Creates the encoder named by <c>--encoder</c> (or <paramref name="name"/>), logging which model runs where.</summary>
    public ITextEncoder Create(ParseResult parseResult, Action<string> log, string? name = null) =>
        TextEncoderCatalog.Create(name ?? Name(parseResult), OnnxOptions(parseResult), log);
}
