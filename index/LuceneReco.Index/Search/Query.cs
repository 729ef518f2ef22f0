namespace LuceneReco.Index.Search;

/// <summary>A query: what documents match and how they score.</summary>
public abstract record Query
{
    /// <summary>Multiplies this query's score. <value>The default is 1.</value></summary>
    public float Boost { get; init; } = 1f;
}

/// <summary>Documents containing <paramref name="Term"/> (already analyzed) in <paramref name="Field"/>.</summary>
public sealed record TermQuery(string Field, string Term) : Query;

/// <summary>Documents containing <paramref name="Terms"/> (analyzed) at consecutive positions in <paramref name="Field"/>.</summary>
public sealed record PhraseQuery(string Field, IReadOnlyList<string> Terms) : Query;

/// <summary>Documents whose numeric field lies in [Min, Max] (a null bound is open). Scores a constant (the boost).</summary>
public sealed record NumericRangeQuery(string Field, double? Min, double? Max) : Query;

/// <summary>Every live document, scoring a constant (the boost).</summary>
public sealed record MatchAllQuery : Query;

/// <summary>How a clause takes part in a <see cref="BooleanQuery"/>.</summary>
public enum Occur
{
    /// <summary>May match; adds its score when it does.</summary>
    Should,
    /// <summary>Must match; adds its score.</summary>
    Must,
    /// <summary>Must not match.</summary>
    MustNot,
    /// <summary>Must match; does not score.</summary>
    Filter,
}

/// <summary>One clause of a <see cref="BooleanQuery"/>.</summary>
public sealed record BooleanClause(Query Query, Occur Occur);

/// <summary>
/// Combines clauses: a document matches when every Must and Filter clause matches, no MustNot clause
/// does, and at least <paramref name="MinimumShouldMatch"/> Should clauses match (at least one when
/// there are no Must or Filter clauses). The score is the sum of the matching scoring clauses.
/// </summary>
public sealed record BooleanQuery(IReadOnlyList<BooleanClause> Clauses, int MinimumShouldMatch = 0) : Query;
