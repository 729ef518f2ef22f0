using System.Globalization;

namespace LuceneReco.Rankers.Collaborative.UserKnn;

/// <summary>Parameters of <see cref="UserKnnModel"/>.</summary>
public sealed record UserKnnOptions
{
    /// <summary>Most similar users (with a positive similarity) a score is made from. <value>The default is 50.</value></summary>
    public int Neighbours { get; init; } = 50;

    /// <summary>How users are compared. <value>The default is <see cref="UserSimilarity.Cosine"/>.</value></summary>
    public UserSimilarity Similarity { get; init; } = UserSimilarity.Cosine;

    /// <summary>The shrinkage term of the similarity's denominator: damps similarities resting on few shared items. <value>The default is 10.</value></summary>
    public double Shrink { get; init; } = 10;

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (Neighbours is < 1 or > 10_000) errors.Add(string.Create(CultureInfo.InvariantCulture, $"Neighbours must be 1 to 10000, got {Neighbours}"));
        if (!Enum.IsDefined(Similarity)) errors.Add($"Similarity must be Cosine or Pearson, got {Similarity}");
        if (!double.IsFinite(Shrink) || Shrink < 0) errors.Add(string.Create(CultureInfo.InvariantCulture, $"Shrink must be >= 0, got {Shrink}"));
        return errors;
    }
}
