using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;

namespace LuceneReco.Index.LuceneNet.Tests.Backends;

/// <summary>What a query matches, decided item by item from the items themselves (text analysed by the view's own analyzer).</summary>
internal static class BruteForce
{
    public static HashSet<string> Matching(Query query, IEnumerable<Document> items, IRecallView view) =>
        items.Where(d => Matches(query, d, view)).Select(d => d.Id).ToHashSet();

    public static bool Matches(Query query, Document d, IRecallView view) => query switch
    {
        TermQuery t when view.Schema.Find(t.Field)!.Kind == FieldKind.Text =>
            d.Strings.Any(s => s.Field == t.Field && view.Analyze(t.Field, s.Value).Contains(t.Term)),
        TermQuery t => d.Strings.Any(s => s.Field == t.Field && s.Value == t.Term),
        NumericRangeQuery r => d.Numbers.Any(n => n.Field == r.Field && n.Value >= (r.Min ?? double.NegativeInfinity) && n.Value <= (r.Max ?? double.PositiveInfinity)),
        MatchAllQuery => true,
        BooleanQuery b => Boolean(b, d, view),
        _ => throw new ArgumentException($"no brute force for {query.GetType().Name}"),
    };

    private static bool Boolean(BooleanQuery b, Document d, IRecallView view)
    {
        int should = 0, shouldMatched = 0;
        bool required = false;
        foreach (var c in b.Clauses)
        {
            bool m = Matches(c.Query, d, view);
            switch (c.Occur)
            {
                case Occur.Must or Occur.Filter:
                    required = true;
                    if (!m) return false;
                    break;
                case Occur.MustNot:
                    if (m) return false;
                    break;
                default:
                    should++;
                    if (m) shouldMatched++;
                    break;
            }
        }
        int need = b.MinimumShouldMatch > 0 ? b.MinimumShouldMatch : required ? 0 : 1;
        return shouldMatched >= need && (should > 0 || required);
    }

    /// <summary>The ids of every hit of <paramref name="query"/> on the view.</summary>
    public static HashSet<string> Hits(IRecallView view, Query query) =>
        view.Search(query, IndexSearcher.MaxK).Hits.Select(h => view.IdOf(h.Doc)).ToHashSet();

    /// <summary>The ids of the docs set in <see cref="IRecallView.Matching"/>.</summary>
    public static HashSet<string> Bits(IRecallView view, Query query)
    {
        var bits = view.Matching(query);
        var ids = new HashSet<string>();
        for (int i = 0; i < view.MaxDoc; i++) if (bits[i]) ids.Add(view.IdOf(i));
        return ids;
    }
}
