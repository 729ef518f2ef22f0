using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Features.Extractors;

/// <summary>
/// Per text field, the query's BM25 (<c>bm25.&lt;field&gt;</c>) and classic TF-IDF (<c>tfidf.&lt;field&gt;</c>) over the item's term
/// vector, and the field's length in tokens (<c>length.&lt;field&gt;</c>). Without query text the two scores are missing; an item
/// without the field (no term vector) has all three missing; an item whose field does not contain the words scores 0.
/// Document frequencies and the item count come from the catalogue; the mean field length from
/// <see cref="IFieldStatistics"/> when the host has it, else from the candidates' own lengths.
/// </summary>
internal sealed class TextExtractor(IReadOnlyList<string> fields, double k1, double b) : IFeatureExtractor
{
    private readonly string[] _fields = [.. fields];
    private readonly string[] _bm25 = [.. fields.Select(f => "bm25." + f)];
    private readonly string[] _tfidf = [.. fields.Select(f => "tfidf." + f)];
    private readonly string[] _length = [.. fields.Select(f => "length." + f)];

    public string Name => "text";

    /// <summary>Implemented as <c>ln(1 + (N - df + 0.5) / (df + 0.5))</c>, Lucene's BM25 idf.</summary>
    public static double Bm25Idf(int docFreq, int docCount) => Math.Log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));

    /// <summary>Implemented as <c>tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength))</c>.</summary>
    public static double Bm25Tf(double tf, double length, double averageLength, double k1, double b) =>
        tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / averageLength));

    /// <summary>Implemented as <c>1 + ln(N / (df + 1))</c>, Lucene's classic idf.</summary>
    public static double ClassicIdf(int docFreq, int docCount) => 1 + Math.Log(docCount / (double)(docFreq + 1));

    public void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        string[] words = QueryWords.Of(context.Request.QueryText);
        int n = candidates.Count;
        var vectors = new IReadOnlyList<KeyValuePair<string, int>>[n];
        var lengths = new int[n];
        for (int f = 0; f < _fields.Length; f++)
        {
            string field = _fields[f];
            long total = 0;
            int with = 0;
            for (int c = 0; c < n; c++)
            {
                vectors[c] = context.Items.TermVector(candidates[c].ItemId, field);
                int length = 0;
                foreach (var (_, freq) in vectors[c]) length += freq;
                lengths[c] = length;
                if (vectors[c].Count == 0) continue;
                candidates[c].Features[_length[f]] = length;
                total += length;
                with++;
            }
            if (words.Length == 0 || with == 0) continue;
            double average = context.FieldStatistics?.AverageLength(field) is double known && known > 0 ? known : total / (double)with;
            int docCount = Math.Max(1, context.FieldStatistics?.DocCount(field) ?? context.Items.Count);
            for (int c = 0; c < n; c++)
            {
                if (vectors[c].Count == 0) continue;
                double bm25 = 0, tfidf = 0;
                foreach (var (term, freq) in vectors[c])
                {
                    if (!MatchesAny(words, term)) continue;
                    int df = Math.Max(1, context.Items.DocFreq(field, term));
                    bm25 += Bm25Idf(df, docCount) * Bm25Tf(freq, lengths[c], average, k1, b);
                    double idf = ClassicIdf(df, docCount);
                    tfidf += Math.Sqrt(freq) * idf * idf / Math.Sqrt(Math.Max(1, lengths[c]));
                }
                candidates[c].Features[_bm25[f]] = bm25;
                candidates[c].Features[_tfidf[f]] = tfidf;
            }
        }
    }

    private static bool MatchesAny(string[] words, string term)
    {
        foreach (string w in words)
            if (QueryWords.Matches(w, term)) return true;
        return false;
    }
}
