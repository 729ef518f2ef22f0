using LuceneReco.Index.Search.Similarities;
using LuceneReco.Index.Segments;

namespace LuceneReco.Index.Search.Weights;

/// <summary>Scores one term: walks its postings in each segment.</summary>
internal sealed class TermWeight(int fieldNumber, string term, SimScorer scorer, bool hasNorms, string fieldName) : Weight
{
    /// <summary>Fields without norms score as if one term long.</summary>
    private const byte NoNorm = 1;

    public int Field => fieldNumber;
    public string Term => term;
    public SimScorer Scorer => scorer;

    public override void Score(LeafReader leaf, IHitSink sink)
    {
        if (leaf.Core.Fields[fieldNumber] is not { } terms) return;
        int ord = terms.Ordinal(term);
        if (ord < 0) return;
        var norms = hasNorms ? leaf.Core.Norms[fieldNumber] : null;
        var c = new PostingsCursor(leaf.Core.DocData, terms, ord);
        while (c.NextDoc()) sink.Hit(c.Doc, scorer.Score(c.Freq, norms is null ? NoNorm : norms[c.Doc]));
    }

    /// <summary>The hot path: adds this term's scores straight into <paramref name="acc"/> (no per-hit virtual sink).</summary>
    public void Accumulate(LeafReader leaf, Accumulator acc, bool must)
    {
        if (leaf.Core.Fields[fieldNumber] is not { } terms) return;
        int ord = terms.Ordinal(term);
        if (ord < 0) return;
        var norms = hasNorms ? leaf.Core.Norms[fieldNumber] : null;
        var c = new PostingsCursor(leaf.Core.DocData, terms, ord);
        // tf * weight per freq is the same float product Lucene forms before applying the norm
        var scores = acc.Score;
        while (c.NextDoc())
        {
            int d = c.Doc;
            acc.Touch(d);
            scores[d] += scorer.Score(c.Freq, norms is null ? NoNorm : norms[d]);
            if (must) acc.Must[d]++; else acc.Should[d]++;
        }
    }

    /// <summary>This term's frequency in local doc <paramref name="doc"/>, or 0.</summary>
    public int FreqIn(LeafReader leaf, int doc)
    {
        if (leaf.Core.Fields[fieldNumber] is not { } terms) return 0;
        int ord = terms.Ordinal(term);
        if (ord < 0) return 0;
        var c = new PostingsCursor(leaf.Core.DocData, terms, ord);
        while (c.NextDoc())
        {
            if (c.Doc == doc) return c.Freq;
            if (c.Doc > doc) break;
        }
        return 0;
    }

    public override Explanation? Explain(LeafReader leaf, int doc)
    {
        int freq = FreqIn(leaf, doc);
        if (freq == 0) return null;
        var norms = hasNorms ? leaf.Core.Norms[fieldNumber] : null;
        var e = scorer.Explain(freq, norms is null ? NoNorm : norms[doc]);
        return e with { Description = $"weight({fieldName}:{term}) " + e.Description };
    }
}
