namespace LuceneReco.Host.Experiments;

/// <summary>How an experiment merges the control's list with the candidate's (see <see cref="Interleaving"/>).</summary>
internal enum InterleavingMethod
{
    /// <summary>Team-draft interleaving (Radlinski, Kurup &amp; Joachims 2008): clicks count for the team that picked the item.</summary>
    TeamDraft,

    /// <summary>Balanced interleaving (Joachims 2002): clicks count by the ranks the items had in each list.</summary>
    Balanced,
}
