namespace LuceneReco.Host.Experiments;

/// <summary>What the clicks on one interleaved list say.</summary>
internal enum Preference
{
    /// <summary>Nothing was clicked: no evidence either way (left out of wins, losses and ties).</summary>
    NoClick,

    /// <summary>Clicks, but as many for each side.</summary>
    Tie,

    /// <summary>The control (A) got more credit.</summary>
    A,

    /// <summary>The candidate (B) got more credit.</summary>
    B,
}
