using System.CommandLine;
using JobRec.ML.Text.UseLite;

namespace JobRec.Lab.Commands;

/// <summary><c>jobrec-lab encode --golden FILE</c>: checks the managed USE-Lite tokenizer and encoder against reference embeddings of the TF.js model
/// (exit 0 when every sentence tokenizes the same and every vector has cosine &gt;= 0.9999 with the reference, else 1).</summary>
internal static class GoldenEncodeCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var golden = new Option<string>("--golden") { Description = "golden_embeddings.json from the TF.js reference (shared/data/use-lite)", Required = true };
        var command = new Command("encode", "Check the USE-Lite tokenizer and encoder against reference embeddings");
        command.Options.Add(golden);
        command.SetAction(parseResult =>
        {
            var result = GoldenEmbeddingCheck.Run(parseResult.GetValue(golden)!, UseLiteEncoder.Load());
            foreach (var problem in result.Problems) Console.WriteLine(problem);
            Console.WriteLine(result);
            return result.TokensMatch == result.Sentences && result.MinCosine >= 0.9999 ? 0 : 1;
        });
        return command;
    }
}
