namespace LuceneReco.Rankers.Collaborative.UserKnn;

/// <summary>How <see cref="UserKnnModel"/> compares two users.</summary>
public enum UserSimilarity
{
    /// <summary>Implemented as <c>u . v / (|u| |v| + shrink)</c> over the users' whole strength vectors.</summary>
    Cosine,

    /// <summary>
    /// Implemented as Pearson correlation over the items both users have: <c>sum (r_ui - m_u)(r_vi - m_v) /
    /// (sqrt(sum (r_ui - m_u)^2 * sum (r_vi - m_v)^2) + shrink)</c>, with <c>m</c> each user's mean strength. Meant for ratings:
    /// with binary strengths every deviation is 0.
    /// </summary>
    Pearson,
}
