namespace JobRec.Actors.Runtime;

/// <summary>One turn in an activation's mailbox: a grain call or a timer tick.</summary>
internal interface IWorkItem
{
    /// <summary>Whether running this item counts as activity for idle collection.</summary>
    bool CountsAsActivity { get; }

    /// <summary>Runs the turn on the activation; never throws (failures go to the caller or the log).</summary>
    ValueTask ExecuteAsync(Activation activation);
}
