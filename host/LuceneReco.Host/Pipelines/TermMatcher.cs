using LuceneReco.Index;
using LuceneReco.Index.Search;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// Tells which of a query's terms a document contains, for explanation lines ("matched terms orbit,
/// station"): through term vectors where the field has them, otherwise by asking the searcher.
/// Used only when a request asks for explanations.
/// </summary>
internal sealed class TermMatcher
{
    private readonly IndexReader _reader;
    private readonly IReadOnlyList<(string Field, string Term)> _terms;
    private readonly IndexSearcher _searcher;

    public TermMatcher(IndexReader reader, IReadOnlyList<(string Field, string Term)> terms)
    {
        _reader = reader;
        _terms = terms;
        _searcher = new IndexSearcher(reader);
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

    /// <summary>The distinct term texts of the query that <paramref name="doc"/> contains, in query order.</summary>
    public List<string> Matched(int doc)
    {
        var result = new List<string>();
        Dictionary<string, IReadOnlyList<TermVectorEntry>>? vectors = null;
        foreach (var (field, term) in _terms)
        {
            if (result.Contains(term)) continue;
            if (Contains(doc, field, term, ref vectors)) result.Add(term);
        }
        return result;
    }

    /// <summary>Whether <paramref name="doc"/> has <paramref name="term"/> in <paramref name="field"/>.</summary>
    public bool Contains(int doc, string field, string term, ref Dictionary<string, IReadOnlyList<TermVectorEntry>>? vectors)
    {
        var def = _reader.Schema.Find(field);
        if (def is null) return false;
        if (!def.TermVectors) return _searcher.Explain(new TermQuery(field, term), doc) is not null;
        vectors ??= new Dictionary<string, IReadOnlyList<TermVectorEntry>>(StringComparer.Ordinal);
        if (!vectors.TryGetValue(field, out var tv)) vectors[field] = tv = _reader.TermVector(doc, field);
        int lo = 0, hi = tv.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = string.CompareOrdinal(tv[mid].Term, term);
            if (c == 0) return true;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return false;
    }
}
