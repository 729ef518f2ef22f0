namespace LuceneReco.Host.Experiments;

/// <summary>Which side of an experiment an item or a list came from: the control pipeline (A) or the candidate (B).</summary>
internal enum Variant : byte
{
    /// <summary>The control (production) pipeline.</summary>
    A = 0,

    /// <summary>The candidate pipeline.</summary>
    B = 1,
}
