namespace LuceneReco.Index.Search.Weights;

/// <summary>
/// Combines clause weights term-at-a-time: every clause adds into one <see cref="Accumulator"/>
/// (score sum in double, Should and Must counts), then the docs meeting the clause rules are emitted.
/// </summary>
internal sealed class BooleanWeight(IReadOnlyList<(Weight Weight, Occur Occur)> clauses, int minimumShouldMatch, float boost) : Weight
{
    private readonly int _required = clauses.Count(c => c.Occur is Occur.Must or Occur.Filter);
    private readonly int _minShould = Math.Max(minimumShouldMatch, clauses.Any(c => c.Occur is Occur.Must or Occur.Filter) ? 0 : 1);

    public IReadOnlyList<(Weight Weight, Occur Occur)> Clauses => clauses;

    public int MinimumShouldMatch => minimumShouldMatch;

    public float Boost => boost;

    /// <summary>Scores into <paramref name="acc"/> (reset by the caller); <see cref="Matches"/> then tells which touched docs match.</summary>
    public void Accumulate(LeafReader leaf, Accumulator acc)
    {
        foreach (var (weight, occur) in clauses)
        {
            if (weight is TermWeight term && occur is Occur.Should or Occur.Must)
            {
                term.Accumulate(leaf, acc, occur == Occur.Must);
                continue;
            }
            weight.Score(leaf, new ClauseSink(acc, occur));
        }
    }

    /// <summary>Whether touched doc <paramref name="doc"/> satisfies the clause rules.</summary>
    public bool Matches(Accumulator acc, int doc) => acc.Must[doc] == _required && acc.Should[doc] >= _minShould;

    /// <summary>The final score of a matching doc: the clause sum cast to float, times the boost.</summary>
    public float FinalScore(Accumulator acc, int doc) => boost == 1f ? (float)acc.Score[doc] : (float)acc.Score[doc] * boost;

    public override void Score(LeafReader leaf, IHitSink sink)
    {
        var acc = new Accumulator();
        acc.Reset(leaf.Core.MaxDoc);
        Accumulate(leaf, acc);
        for (int i = 0; i < acc.TouchedCount; i++)
        {
            int d = acc.Touched[i];
            if (Matches(acc, d)) sink.Hit(d, FinalScore(acc, d));
        }
    }

    public override Explanation? Explain(LeafReader leaf, int doc)
    {
        var details = new List<Explanation>();
        double sum = 0;
        int must = 0, should = 0;
        foreach (var (weight, occur) in clauses)
        {
            var e = weight.Explain(leaf, doc);
            if (e is null) continue;
            switch (occur)
            {
                case Occur.MustNot: return null;
                case Occur.Filter: must++; details.Add(Explanation.Of(0f, "filter matched: " + e.Description)); break;
                case Occur.Must: must++; sum += e.Value; details.Add(e); break;
                default: should++; sum += e.Value; details.Add(e); break;
            }
        }
        if (must != _required || should < _minShould) return null;
        float value = boost == 1f ? (float)sum : (float)sum * boost;
        return new Explanation(value, boost == 1f ? "sum of:" : $"sum of (times boost {boost}):", details);
    }

    private sealed class ClauseSink(Accumulator acc, Occur occur) : IHitSink
    {
        public void Hit(int doc, float score)
        {
            acc.Touch(doc);
            switch (occur)
            {
                case Occur.Should: acc.Score[doc] += score; acc.Should[doc]++; break;
                case Occur.Must: acc.Score[doc] += score; acc.Must[doc]++; break;
                case Occur.Filter: acc.Must[doc]++; break;
                case Occur.MustNot: acc.Must[doc] = Accumulator.Excluded; break;
            }
        }
    }
}
