using System.Runtime.InteropServices;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Diversity.Vectors;

/// <summary>
/// Reads what the diversity stages need about one request's candidates from the catalogue: TF-IDF term vectors and
/// keyword attributes. Terms get int ids per request, so vectors compare by merging sorted ints.
/// </summary>
internal static class CandidateReader
{
    /// <summary>
    /// Each candidate's TF-IDF vector over <paramref name="fields"/>, of unit length: a term's weight is
    /// <c>tf * idf</c> summed over the fields it occurs in, with Lucene ClassicSimilarity's <c>idf = 1 + ln((N + 1) / (df + 1))</c>
    /// (N = live items, df = the field's document frequency). With <paramref name="maxTerms"/>, only that many of the heaviest terms are kept.
    /// </summary>
    public static SparseVectors TermVectors(IItemCatalog items, IReadOnlyList<string> ids, IReadOnlyList<string> fields, int? maxTerms, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(fields);
        if (maxTerms is < 1) throw new ArgumentOutOfRangeException(nameof(maxTerms), maxTerms, "must be at least 1, or null for all terms");
        int docs = Math.Max(items.Count, 0);
        var termIds = new Dictionary<string, int>(ids.Count * 8, StringComparer.Ordinal);
        var idf = new List<double>[fields.Count]; // per field, by term id; NaN until read
        for (int f = 0; f < fields.Count; f++) idf[f] = new List<double>(ids.Count * 8);
        var offsets = new int[ids.Count + 1];
        var terms = new List<int>(ids.Count * 32);
        var weights = new List<double>(ids.Count * 32);
        int[] scratchTerms = new int[64];
        double[] scratchWeights = new double[64];

        for (int i = 0; i < ids.Count; i++)
        {
            if ((i & 63) == 0) cancellation.ThrowIfCancellationRequested();
            int count = 0;
            for (int f = 0; f < fields.Count; f++)
            {
                foreach (KeyValuePair<string, int> entry in items.TermVector(ids[i], fields[f]))
                {
                    if (entry.Value <= 0) continue;
                    ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(termIds, entry.Key, out bool known);
                    if (!known) slot = termIds.Count - 1;
                    int term = slot;
                    List<double> fieldIdf = idf[f];
                    while (fieldIdf.Count <= term) fieldIdf.Add(double.NaN);
                    if (double.IsNaN(fieldIdf[term]))
                    {
                        int df = Math.Clamp(items.DocFreq(fields[f], entry.Key), 0, docs);
                        fieldIdf[term] = 1 + Math.Log((docs + 1.0) / (df + 1.0));
                    }
                    if (count == scratchTerms.Length)
                    {
                        Array.Resize(ref scratchTerms, count * 2);
                        Array.Resize(ref scratchWeights, count * 2);
                    }
                    scratchTerms[count] = term;
                    scratchWeights[count++] = entry.Value * fieldIdf[term];
                }
            }
            count = SortAndMerge(scratchTerms, scratchWeights, count);
            if (maxTerms is int keep && count > keep) count = KeepHeaviest(scratchTerms, scratchWeights, count, keep);
            double norm = 0;
            for (int t = 0; t < count; t++) norm += scratchWeights[t] * scratchWeights[t];
            norm = Math.Sqrt(norm);
            for (int t = 0; t < count; t++)
            {
                terms.Add(scratchTerms[t]);
                weights.Add(scratchWeights[t] / norm);
            }
            offsets[i + 1] = terms.Count;
        }
        return new SparseVectors(offsets, terms.ToArray(), weights.ToArray(), termIds.Count);
    }

    /// <summary>
    /// Each candidate's distinct values of each keyword field (empty when it has none), with ids per field. The
    /// <paramref name="titles"/> cache is offered each candidate's fields too, since they are read anyway.
    /// </summary>
    public static ItemAttributes Attributes(IItemCatalog items, IReadOnlyList<string> ids, IReadOnlyList<string> fields, TitleCache? titles, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(fields);
        int n = ids.Count;
        var valueIds = new int[fields.Count][][];
        var values = new string[fields.Count][][];
        var lookups = new Dictionary<string, int>[fields.Count];
        for (int f = 0; f < fields.Count; f++)
        {
            valueIds[f] = new int[n][];
            values[f] = new string[n][];
            lookups[f] = new Dictionary<string, int>(StringComparer.Ordinal);
        }
        var seen = new List<(int Id, string Value)>();
        for (int i = 0; i < n; i++)
        {
            if ((i & 63) == 0) cancellation.ThrowIfCancellationRequested();
            IReadOnlyDictionary<string, IReadOnlyList<string>> stored = items.Fields(ids[i]);
            titles?.Offer(i, stored);
            for (int f = 0; f < fields.Count; f++)
            {
                seen.Clear();
                if (stored.TryGetValue(fields[f], out IReadOnlyList<string>? list))
                {
                    foreach (string value in list)
                    {
                        if (string.IsNullOrEmpty(value)) continue;
                        if (!lookups[f].TryGetValue(value, out int id)) lookups[f][value] = id = lookups[f].Count;
                        if (!Contains(seen, id)) seen.Add((id, value));
                    }
                }
                seen.Sort(static (a, b) => a.Id.CompareTo(b.Id));
                valueIds[f][i] = seen.Count == 0 ? [] : seen.ConvertAll(s => s.Id).ToArray();
                values[f][i] = seen.Count == 0 ? [] : seen.ConvertAll(s => s.Value).ToArray();
            }
        }
        var names = new string[fields.Count][];
        for (int f = 0; f < fields.Count; f++)
        {
            names[f] = new string[lookups[f].Count];
            foreach ((string value, int id) in lookups[f]) names[f][id] = value;
        }
        return new ItemAttributes([.. fields], valueIds, values, names);
    }

    private static bool Contains(List<(int Id, string Value)> seen, int id)
    {
        foreach ((int Id, string Value) s in seen)
            if (s.Id == id) return true;
        return false;
    }

    private static int SortAndMerge(int[] terms, double[] weights, int count)
    {
        Array.Sort(terms, weights, 0, count);
        int kept = 0;
        for (int t = 0; t < count; t++)
        {
            if (kept > 0 && terms[kept - 1] == terms[t]) weights[kept - 1] += weights[t];
            else
            {
                terms[kept] = terms[t];
                weights[kept++] = weights[t];
            }
        }
        return kept;
    }

    /// <summary>Keeps the <paramref name="keep"/> heaviest terms (ties: lower id), ascending by id again.</summary>
    private static int KeepHeaviest(int[] terms, double[] weights, int count, int keep)
    {
        var byWeight = new (double Weight, int Term)[count];
        for (int t = 0; t < count; t++) byWeight[t] = (weights[t], terms[t]);
        Array.Sort(byWeight, static (a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Term.CompareTo(b.Term));
        for (int t = 0; t < keep; t++) (weights[t], terms[t]) = byWeight[t];
        Array.Sort(terms, weights, 0, keep);
        return keep;
    }
}
