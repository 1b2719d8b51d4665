namespace JobRec.Contracts.Ask;

/// <summary>Names of the answerers reported in <see cref="AskResponse.Model"/>.</summary>
public static class AskModels
{
    /// <summary>The trained QA language model generated the answer.</summary>
    public const string LanguageModel = "language-model";

    /// <summary>No QA checkpoint is loaded: the asked field was copied from the top retrieved posting.</summary>
    public const string Extractive = "extractive";
}
