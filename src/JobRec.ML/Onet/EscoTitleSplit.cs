namespace JobRec.ML.Onet;

/// <summary>Which JobBERT titles an ESCO title-normalisation run scores (<see cref="EscoTitleEvaluation.SplitTitles"/>).</summary>
public enum EscoTitleSplit
{
    /// <summary>Every title of the file.</summary>
    All,

    /// <summary>The part adaptation may train on.</summary>
    Train,

    /// <summary>The part held out from adaptation.</summary>
    HeldOut,
}
