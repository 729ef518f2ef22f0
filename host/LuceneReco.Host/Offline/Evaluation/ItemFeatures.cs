using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>
/// What the beyond-accuracy metrics read about items, from a catalogue, read once per item and kept: the values of keyword
/// fields (each stored value split on commas, trimmed, empty ones dropped) and a TF-IDF vector over text fields, of unit
/// length, with <c>tf</c> the term's frequency and Lucene ClassicSimilarity's <c>idf = 1 + ln((N + 1) / (df + 1))</c>,
/// as the diversity plugin builds them (so the metric and the stage agree on what "similar text" means). Not thread-safe.
/// </summary>
public sealed class ItemFeatures
{
    private readonly IItemCatalog _items;
    private readonly IReadOnlyList<string> _textFields;
    private readonly Dictionary<(string Item, string Field), IReadOnlySet<string>> _values = [];
    private readonly Dictionary<string, (string[] Terms, double[] Weights)> _vectors = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Field, string Term), double> _idf = [];

    /// <summary>Reads <paramref name="items"/>; <paramref name="textFields"/> are the fields of the TF-IDF vectors.</summary>
    public ItemFeatures(IItemCatalog items, IReadOnlyList<string> textFields)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(textFields);
        _items = items;
        _textFields = textFields;
    }

    /// <summary>The distinct values of keyword field <paramref name="field"/> of <paramref name="item"/> (empty when none).</summary>
    public IReadOnlySet<string> Values(string item, string field)
    {
        if (_values.TryGetValue((item, field), out IReadOnlySet<string>? known)) return known;
        var set = new SortedSet<string>(StringComparer.Ordinal);
        if (_items.Fields(item).TryGetValue(field, out IReadOnlyList<string>? stored))
            foreach (string value in stored)
                foreach (string part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) set.Add(part);
        _values[(item, field)] = set;
        return set;
    }

    /// <summary>The first value of <paramref name="field"/> (see <see cref="Values"/>: the smallest, ordinally), or <paramref name="none"/>.</summary>
    public string First(string item, string field, string none)
    {
        IReadOnlySet<string> values = Values(item, field);
        return values.Count == 0 ? none : ((SortedSet<string>)values).Min!;
    }

    /// <summary>The cosine of the two items' TF-IDF vectors (0 when either has no terms).</summary>
    public double Cosine(string a, string b)
    {
        (string[] ta, double[] wa) = Vector(a);
        (string[] tb, double[] wb) = Vector(b);
        double sum = 0;
        int x = 0, y = 0;
        while (x < ta.Length && y < tb.Length)
        {
            int d = string.CompareOrdinal(ta[x], tb[y]);
            if (d == 0) sum += wa[x++] * wb[y++];
            else if (d < 0) x++;
            else y++;
        }
        return sum;
    }

    private (string[] Terms, double[] Weights) Vector(string item)
    {
        if (_vectors.TryGetValue(item, out var known)) return known;
        var weights = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (string field in _textFields)
            foreach (KeyValuePair<string, int> entry in _items.TermVector(item, field))
            {
                if (entry.Value <= 0) continue;
                if (!_idf.TryGetValue((field, entry.Key), out double idf))
                {
                    int docs = Math.Max(_items.Count, 0);
                    int df = Math.Clamp(_items.DocFreq(field, entry.Key), 0, docs);
                    _idf[(field, entry.Key)] = idf = 1 + Math.Log((docs + 1.0) / (df + 1.0));
                }
                weights[entry.Key] = weights.GetValueOrDefault(entry.Key) + entry.Value * idf;
            }
        double norm = 0;
        foreach (double w in weights.Values) norm += w * w;
        norm = Math.Sqrt(norm);
        var terms = new string[weights.Count];
        var values = new double[weights.Count];
        int t = 0;
        foreach ((string term, double w) in weights)
        {
            terms[t] = term;
            values[t++] = w / norm;
        }
        var vector = (terms, values);
        _vectors[item] = vector;
        return vector;
    }
}
