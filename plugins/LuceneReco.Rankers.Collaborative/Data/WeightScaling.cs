namespace LuceneReco.Rankers.Collaborative.Data;

/// <summary>How an aggregated weight <c>w</c> becomes the preference strength <c>r</c> the models use.</summary>
public enum WeightScaling
{
    /// <summary>Implemented as <c>r = w</c>.</summary>
    Raw,

    /// <summary>Implemented as <c>r = log(1 + w / epsilon)</c> (Hu, Koren &amp; Volinsky 2008, eq. 6), for heavy-tailed counts.</summary>
    Log,

    /// <summary>Implemented as <c>r = 1</c>: every interaction counts the same.</summary>
    Binary,
}
