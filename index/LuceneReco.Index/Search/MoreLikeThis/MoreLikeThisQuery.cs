namespace LuceneReco.Index.Search.MoreLikeThis;

/// <summary>A "more like this" query: the boolean query of chosen terms, the terms, and the source docs to leave out.</summary>
public sealed record MoreLikeThisQuery(Query Query, IReadOnlyList<InterestingTerm> Terms, IReadOnlySet<int> SourceDocs);

/// <summary>One "more like this" result: the doc, its id and score, and which chosen terms it contains.</summary>
public sealed record MoreLikeThisHit(int Doc, string Id, float Score, IReadOnlyList<InterestingTerm> MatchedTerms);
