namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>How a stage maps the incoming and the collaborative scores of one request onto a common scale before blending them.</summary>
public enum ScoreNormalisation
{
    /// <summary>Implemented as <c>(s - min) / (max - min)</c> over the request's candidates (1 when all are equal).</summary>
    MinMax,

    /// <summary>Implemented as <c>s / max |s|</c> over the request's candidates.</summary>
    MaxAbs,

    /// <summary>Implemented as <c>s</c>: scores are blended as they are.</summary>
    None,
}
