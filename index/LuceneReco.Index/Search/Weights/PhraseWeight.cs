using LuceneReco.Index.Search.Similarities;
using LuceneReco.Index.Segments;

namespace LuceneReco.Index.Search.Weights;

/// <summary>Scores an exact phrase: intersects the terms' postings, then counts consecutive position runs.</summary>
internal sealed class PhraseWeight(int fieldNumber, string[] terms, SimScorer scorer, string fieldName) : Weight
{
    public override void Score(LeafReader leaf, IHitSink sink)
    {
        var norms = leaf.Core.Norms[fieldNumber];
        ForEachMatch(leaf, (doc, freq) => sink.Hit(doc, scorer.Score(freq, norms?[doc] ?? 1)));
    }

    public override Explanation? Explain(LeafReader leaf, int doc)
    {
        int found = 0;
        ForEachMatch(leaf, (d, freq) => { if (d == doc) found = freq; });
        if (found == 0) return null;
        var e = scorer.Explain(found, leaf.Core.Norms[fieldNumber]?[doc] ?? 1);
        return e with { Description = $"weight({fieldName}:\"{string.Join(' ', terms)}\") " + e.Description };
    }

    /// <summary>Calls <paramref name="onMatch"/> with (local doc, phrase frequency) for every doc holding the phrase.</summary>
    private void ForEachMatch(LeafReader leaf, Action<int, int> onMatch)
    {
        var core = leaf.Core;
        if (core.Fields[fieldNumber] is not { } dict) return;
        int n = terms.Length;
        var cursors = new PostingsCursor[n];
        var posPointers = new int[n];
        for (int i = 0; i < n; i++)
        {
            int ord = dict.Ordinal(terms[i]);
            if (ord < 0) return;
            cursors[i] = new PostingsCursor(core.DocData, dict, ord);
            posPointers[i] = core.PositionsStart(dict, ord);
            if (!cursors[i].NextDoc()) return;
        }
        var positions = new List<int>[n];
        for (int i = 0; i < n; i++) positions[i] = new List<int>();
        while (true)
        {
            int target = 0;
            foreach (var c in cursors) target = Math.Max(target, c.Doc);
            bool aligned = true;
            for (int i = 0; i < n; i++)
            {
                while (cursors[i].Doc < target)
                {
                    SkipPositions(ref posPointers[i], cursors[i].Freq, core.PosData);
                    if (!cursors[i].NextDoc()) return;
                }
                if (cursors[i].Doc != target) aligned = false;
            }
            if (!aligned) continue;
            for (int i = 0; i < n; i++) ReadPositions(ref posPointers[i], cursors[i].Freq, core.PosData, positions[i]);
            int freq = CountPhrases(positions);
            if (freq > 0) onMatch(target, freq);
            for (int i = 0; i < n; i++) if (!cursors[i].NextDoc()) return;
        }
    }

    private static void SkipPositions(ref int p, int freq, Store.MappedFile data)
    {
        for (int k = 0; k < freq; k++) SegmentCore.ReadVInt(data, ref p);
    }

    private static void ReadPositions(ref int p, int freq, Store.MappedFile data, List<int> into)
    {
        into.Clear();
        int last = 0;
        for (int k = 0; k < freq; k++) { last += SegmentCore.ReadVInt(data, ref p); into.Add(last); }
    }

    /// <summary>How many start positions p have term i at p + i for every i.</summary>
    private static int CountPhrases(List<int>[] positions)
    {
        int count = 0;
        foreach (int start in positions[0])
        {
            bool all = true;
            for (int i = 1; i < positions.Length && all; i++) all = positions[i].BinarySearch(start + i) >= 0;
            if (all) count++;
        }
        return count;
    }
}
