using LuceneReco.Index.Documents;

namespace LuceneReco.Index.Segments;

/// <summary>
/// Merges adjacent segments into one, dropping deleted documents and keeping doc order:
/// term dictionaries are merged in sorted order (two passes: count, then write), postings and
/// positions re-encoded with new doc numbers, term vectors re-pointed at the merged ordinals,
/// stored records, ids, norms and numbers copied.
/// </summary>
internal static class SegmentMerger
{
    public static SegmentInfo Merge(string directory, string name, IndexSchema schema, IReadOnlyList<SegmentCore> sources,
        IReadOnlyList<LiveDocs> live, out int[][] docMaps)
    {
        docMaps = new int[sources.Count][];
        int maxDoc = 0;
        for (int s = 0; s < sources.Count; s++)
        {
            var map = new int[sources[s].MaxDoc];
            for (int d = 0; d < map.Length; d++) map[d] = live[s].IsLive(d) ? maxDoc++ : -1;
            docMaps[s] = map;
        }

        using var writer = new SegmentWriter(directory, name, maxDoc);
        int fieldCount = schema.Fields.Count;
        var ordMaps = new int[sources.Count][][];
        for (int s = 0; s < sources.Count; s++) ordMaps[s] = new int[fieldCount][];
        for (int f = 0; f < fieldCount; f++)
        {
            if (schema.Fields[f].Kind is not (FieldKind.Text or FieldKind.Keyword)) continue;
            byte[]? norms = null;
            if (schema.Fields[f].Kind == FieldKind.Text)
            {
                norms = new byte[maxDoc];
                for (int s = 0; s < sources.Count; s++)
                    if (sources[s].Norms[f] is { } src)
                        for (int d = 0; d < src.Length; d++) if (docMaps[s][d] >= 0) norms[docMaps[s][d]] = src[d];
                writer.SetNorms(f, norms);
            }
            MergeField(writer, f, sources, docMaps, ordMaps, maxDoc, norms);
        }

        var tvFields = new List<int>();
        for (int f = 0; f < fieldCount; f++) if (schema.Fields[f].TermVectors) tvFields.Add(f);
        var scratch = new (int Field, int[] Ords, int[] Freqs, int Count)[tvFields.Count];
        int[] ords = new int[64], freqs = new int[64];
        for (int s = 0; s < sources.Count; s++)
        {
            var core = sources[s];
            (int, byte[]) storedCache = (-1, null!);
            for (int d = 0; d < core.MaxDoc; d++)
            {
                if (docMaps[s][d] < 0) continue;
                int used = 0;
                foreach (int f in tvFields)
                {
                    if (ordMaps[s][f] is not { } ordMap) continue;
                    int n = core.TermVector(d, f, ref ords, ref freqs);
                    if (n == 0) continue;
                    var slot = scratch[used];
                    if (slot.Ords is null || slot.Ords.Length < n) slot = (f, new int[n * 2], new int[n * 2], 0);
                    for (int i = 0; i < n; i++) { slot.Ords[i] = ordMap[ords[i]]; slot.Freqs[i] = freqs[i]; }
                    scratch[used++] = (f, slot.Ords, slot.Freqs, n);
                }
                writer.AddTermVectors(scratch.AsSpan(0, used));
                writer.AddStored(core.StoredRecord(d, ref storedCache));
                writer.AddId(core.IdOf(d));
            }
        }

        for (int f = 0; f < fieldCount; f++)
        {
            if (schema.Fields[f].Kind != FieldKind.Numeric) continue;
            var values = new double[maxDoc];
            Array.Fill(values, double.NaN);
            for (int s = 0; s < sources.Count; s++)
                if (sources[s].Numbers[f] is { } src)
                    for (int d = 0; d < src.Length; d++) if (docMaps[s][d] >= 0) values[docMaps[s][d]] = src[d];
            writer.SetNumbers(f, values);
        }
        return writer.Finish();
    }

    private static void MergeField(SegmentWriter writer, int field, IReadOnlyList<SegmentCore> sources, int[][] docMaps, int[][][] ordMaps, int maxDoc, byte[]? norms)
    {
        var terms = new FieldTerms?[sources.Count];
        bool positions = false;
        for (int s = 0; s < sources.Count; s++)
        {
            terms[s] = sources[s].Fields[field];
            if (terms[s] is { } t) { positions |= t.HasPositions; ordMaps[s][field] = new int[t.Count]; Array.Fill(ordMaps[s][field], -1); }
        }

        // pass 1: which merged terms survive, and the field statistics
        var seen = new bool[maxDoc];
        int termCount = 0, docCount = 0;
        long sumTtf = 0;
        foreach (var (term, members) in MergedTerms(terms))
        {
            int df = 0;
            foreach (var (s, ord) in members)
            {
                var c = new PostingsCursor(sources[s].DocData, terms[s]!, ord);
                while (c.NextDoc())
                {
                    int nd = docMaps[s][c.Doc];
                    if (nd < 0) continue;
                    df++;
                    sumTtf += c.Freq;
                    if (!seen[nd]) { seen[nd] = true; docCount++; }
                }
            }
            if (df > 0) termCount++;
        }
        if (termCount == 0) return;

        // pass 2: write
        writer.BeginField(field, positions, termCount, docCount, sumTtf, norms);
        var docs = new GrowableArray<int>(64);
        var freqs = new GrowableArray<int>(64);
        var pos = new GrowableArray<int>(256);
        int merged = 0;
        foreach (var (term, members) in MergedTerms(terms))
        {
            docs.Clear(); freqs.Clear(); pos.Clear();
            foreach (var (s, ord) in members)
            {
                var t = terms[s]!;
                var c = new PostingsCursor(sources[s].DocData, t, ord);
                int pp = t.HasPositions ? sources[s].PositionsStart(t, ord) : 0;
                var posData = sources[s].PosData;
                while (c.NextDoc())
                {
                    int nd = docMaps[s][c.Doc];
                    if (nd >= 0) { docs.Add(nd); freqs.Add(c.Freq); }
                    if (!t.HasPositions) continue;
                    int last = 0;
                    for (int k = 0; k < c.Freq; k++)
                    {
                        last += SegmentCore.ReadVInt(posData, ref pp);
                        if (nd >= 0) pos.Add(last);
                    }
                }
            }
            if (docs.Count == 0) continue;
            foreach (var (s, ord) in members) ordMaps[s][field][ord] = merged;
            writer.AddTerm(term, docs.Span, freqs.Span, pos.Span, positions);
            merged++;
        }
    }

    /// <summary>The union of the sources' sorted terms, in order, with (source, ordinal) for each.</summary>
    private static IEnumerable<(string Term, List<(int Source, int Ord)> Members)> MergedTerms(FieldTerms?[] terms)
    {
        var next = new int[terms.Length];
        var members = new List<(int, int)>();
        while (true)
        {
            string? min = null;
            for (int s = 0; s < terms.Length; s++)
            {
                if (terms[s] is not { } t || next[s] >= t.Count) continue;
                var candidate = t.Term(next[s]);
                if (min is null || string.CompareOrdinal(candidate, min) < 0) min = candidate;
            }
            if (min is null) yield break;
            members.Clear();
            for (int s = 0; s < terms.Length; s++)
                if (terms[s] is { } t && next[s] < t.Count && t.Term(next[s]) == min) members.Add((s, next[s]++));
            yield return (min, members);
        }
    }
}
