using LuceneReco.Index;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Search;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// Tells which of a query's terms a document contains, for explanations (shown as the item's own words through
/// <see cref="ItemWords"/>), through <see cref="IRecallView.Freq"/> (term vectors where the field has them, else postings).
/// Used only when a request asks for explanations.
/// </summary>
internal sealed class TermMatcher
{
    private readonly IRecallView _reader;
    private readonly IReadOnlyList<(string Field, string Term)> _terms;

    public TermMatcher(IRecallView reader, IReadOnlyList<(string Field, string Term)> terms)
    {
        _reader = reader;
        _terms = terms;
    }

    /// <summary>The scoring terms of <paramref name="query"/> (not those of excluded or filter clauses).</summary>
    public static List<(string Field, string Term)> TermsOf(Query query)
    {
        var terms = new List<(string, string)>();
        Collect(query, terms);
        return terms;
    }

    private static void Collect(Query query, List<(string, string)> into)
    {
        switch (query)
        {
            case TermQuery t: into.Add((t.Field, t.Term)); break;
            case PhraseQuery p: foreach (var term in p.Terms) into.Add((p.Field, term)); break;
            case BooleanQuery b:
                foreach (var clause in b.Clauses)
                    if (clause.Occur is Occur.Should or Occur.Must) Collect(clause.Query, into);
                break;
        }
    }

    /// <summary>The distinct (field, term) pairs of the query that <paramref name="doc"/> contains, in query order.</summary>
    public List<(string Field, string Term)> Matched(int doc)
    {
        var result = new List<(string Field, string Term)>();
        foreach (var pair in _terms)
            if (!result.Contains(pair) && Contains(doc, pair.Field, pair.Term)) result.Add(pair);
        return result;
    }

    /// <summary>Whether <paramref name="doc"/> has <paramref name="term"/> in <paramref name="field"/> (false for a field the schema lacks).</summary>
    public bool Contains(int doc, string field, string term) => _reader.Schema.Find(field) is not null && _reader.Freq(doc, field, term) > 0;
}
