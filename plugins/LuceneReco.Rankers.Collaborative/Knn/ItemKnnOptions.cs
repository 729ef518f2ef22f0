namespace LuceneReco.Rankers.Collaborative.Knn;

/// <summary>Parameters of <see cref="ItemKnnModel"/> training.</summary>
public sealed record ItemKnnOptions
{
    /// <summary>Neighbours kept per item (N). <value>The default is 50.</value></summary>
    public int Neighbours { get; init; } = 50;

    /// <summary>The shrinkage term of <c>sim = dot / (|a| |b| + shrink)</c>: damps similarities resting on few common users. <value>The default is 10.</value></summary>
    public double Shrink { get; init; } = 10;

    /// <summary>Similarities at or below this are not kept. <value>The default is 0.</value></summary>
    public double MinSimilarity { get; init; }

    /// <summary>Threads used for training. <value>The default is <c>null</c>: every core.</value></summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (Neighbours is < 1 or > 10_000) errors.Add($"Neighbours must be 1 to 10000, got {Neighbours}");
        if (!double.IsFinite(Shrink) || Shrink < 0) errors.Add($"Shrink must be >= 0, got {Shrink}");
        if (!double.IsFinite(MinSimilarity) || MinSimilarity < 0) errors.Add($"MinSimilarity must be >= 0, got {MinSimilarity}");
        if (MaxDegreeOfParallelism is < 1) errors.Add($"MaxDegreeOfParallelism must be >= 1, got {MaxDegreeOfParallelism}");
        return errors;
    }
}
