namespace LuceneReco.TestPlugins.Hanging;

/// <summary>Options of "hangs" and "hangs-hard".</summary>
public sealed class HangingOptions
{
    /// <summary>How long to hang, in milliseconds; -1 (the default) is forever.</summary>
    public int Milliseconds { get; set; } = Timeout.Infinite;
}
