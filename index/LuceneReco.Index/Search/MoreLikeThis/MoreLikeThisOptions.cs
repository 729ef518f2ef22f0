using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Search.MoreLikeThis;

/// <summary>The parameters of <see cref="MoreLikeThis"/>, with Lucene's defaults.</summary>
public sealed record MoreLikeThisOptions
{
    /// <summary>Fields to take terms from and search. <value>The default is <c>null</c>: every text field with term vectors.</value></summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>Terms occurring fewer times in the source are ignored. <value>The default is 2.</value></summary>
    public int MinTermFreq { get; init; } = 2;

    /// <summary>Terms in fewer documents are ignored. <value>The default is 5.</value></summary>
    public int MinDocFreq { get; init; } = 5;

    /// <summary>Terms in more documents are ignored. <value>The default is <c>null</c> (no limit).</value></summary>
    public int? MaxDocFreq { get; init; }

    /// <summary>At most this many terms make the query. <value>The default is 25.</value></summary>
    public int MaxQueryTerms { get; init; } = 25;

    /// <summary>Shorter terms are ignored. <value>The default is <c>null</c> (no minimum).</value></summary>
    public int? MinWordLength { get; init; }

    /// <summary>Longer terms are ignored. <value>The default is <c>null</c> (no maximum).</value></summary>
    public int? MaxWordLength { get; init; }

    /// <summary>Terms to ignore (compared after analysis). <value>The default is <c>null</c> (none).</value></summary>
    public IReadOnlySet<string>? StopWords { get; init; }

    /// <summary>Boost each query term by its selection score relative to the best. <value>The default is <c>false</c>.</value></summary>
    public bool Boost { get; init; }

    /// <summary>Multiplies term boosts when <see cref="Boost"/> is on. <value>The default is 1.</value></summary>
    public float BoostFactor { get; init; } = 1f;

    /// <summary>How candidate terms are scored. <value>The default is <see cref="TermSelection.TfIdf"/>.</value></summary>
    public TermSelection TermSelection { get; init; } = TermSelection.TfIdf;

    /// <summary>Use <c>sqrt(tf)</c> instead of tf in term selection (apache/lucene#939). <value>The default is <c>false</c>.</value></summary>
    public bool SqrtTf { get; init; }

    /// <summary>The model that scores the results. <value>The default is <see cref="ClassicSimilarity"/>, as Lucene's MoreLikeThis.</value></summary>
    public Similarity Similarity { get; init; } = new ClassicSimilarity();

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (MinTermFreq < 0) errors.Add($"MinTermFreq must be >= 0, got {MinTermFreq}");
        if (MinDocFreq < 0) errors.Add($"MinDocFreq must be >= 0, got {MinDocFreq}");
        if (MaxDocFreq is < 1) errors.Add($"MaxDocFreq must be >= 1, got {MaxDocFreq}");
        if (MaxQueryTerms is < 1 or > 1024) errors.Add($"MaxQueryTerms must be 1 to 1024, got {MaxQueryTerms}");
        if (MinWordLength is < 1) errors.Add($"MinWordLength must be >= 1, got {MinWordLength}");
        if (MaxWordLength is < 1) errors.Add($"MaxWordLength must be >= 1, got {MaxWordLength}");
        if (MinWordLength is int min && MaxWordLength is int max && min > max) errors.Add($"MinWordLength {min} exceeds MaxWordLength {max}");
        if (!float.IsFinite(BoostFactor) || BoostFactor <= 0) errors.Add($"BoostFactor must be > 0, got {BoostFactor}");
        if (Fields is { Count: 0 }) errors.Add("Fields, when given, must name at least one field");
        return errors;
    }
}
