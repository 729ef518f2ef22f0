using LuceneReco.Rankers.Diversity.Core;

namespace LuceneReco.Rankers.Diversity.Vectors;

/// <summary>
/// The similarity of one request's candidates: <c>(wt * cos(text) + wa * attr + wv * cos(vectors)) / (wt + wa + wv)</c> for
/// i != j and 1 for i == j, where cos(text) is the cosine of the TF-IDF vectors, attr the <see cref="AttributeMatch"/> of the
/// keyword attributes and cos(vectors) the cosine of the embedding vectors (0 for a candidate without one; it may be
/// negative) (a part that is not configured has weight 0). Each part is positive semi-definite off a non-negative
/// diagonal correction, so the mix is a valid DPP similarity. Not thread-safe (one per request).
/// </summary>
internal sealed class ItemSimilarity : ISimilarity
{
    private readonly SparseVectors? _text;
    private readonly ItemAttributes? _attributes;
    private readonly AttributeMatch _match;
    private readonly DenseVectors? _vectors;
    private readonly double _textShare, _attributeShare, _vectorShare;
    private readonly double[] _dense;
    private readonly int[][]? _setIds;

    public ItemSimilarity(int count, SparseVectors? text, double textWeight, ItemAttributes? attributes, double attributeWeight, AttributeMatch match)
        : this(count, text, textWeight, attributes, attributeWeight, match, null, 0) { }

    public ItemSimilarity(int count, SparseVectors? text, double textWeight, ItemAttributes? attributes, double attributeWeight, AttributeMatch match,
        DenseVectors? vectors, double vectorWeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (text is not null && text.Count != count) throw new ArgumentOutOfRangeException(nameof(text), text.Count, $"must hold {count} vectors");
        if (attributes is not null && attributes.Fields.Length > 0 && attributes.Count != count) throw new ArgumentOutOfRangeException(nameof(attributes), attributes.Count, $"must hold {count} candidates");
        if (vectors is not null && vectors.Count != count) throw new ArgumentOutOfRangeException(nameof(vectors), vectors.Count, $"must hold {count} vectors");
        double wt = text is null ? 0 : textWeight, wa = attributes is null || attributes.Fields.Length == 0 ? 0 : attributeWeight, wv = vectors is null ? 0 : vectorWeight;
        if (!(wt >= 0 && wa >= 0 && wv >= 0 && wt + wa + wv > 0 && double.IsFinite(wt + wa + wv)))
            throw new ArgumentOutOfRangeException(nameof(textWeight), $"the weights of the configured parts must be finite, at least 0 and not all 0 (text {wt}, attributes {wa}, vectors {wv})");
        Count = count;
        _text = wt > 0 ? text : null;
        _attributes = wa > 0 ? attributes : null;
        _match = match;
        _vectors = wv > 0 ? vectors : null;
        _textShare = wt / (wt + wa + wv);
        _attributeShare = wa / (wt + wa + wv);
        _vectorShare = wv / (wt + wa + wv);
        _dense = _text is null ? [] : new double[count];
        if (_attributes is not null && match == AttributeMatch.Equality) _setIds = SetIds(_attributes);
    }

    public int Count { get; }

    public double Pair(int a, int b)
    {
        if (a == b) return 1;
        double sim = 0;
        if (_text is not null) sim += _textShare * _text.Dot(a, b);
        if (_attributes is not null) sim += _attributeShare * Attributes(a, b);
        if (_vectors is not null) sim += _vectorShare * _vectors.Dot(a, b);
        return sim;
    }

    public void Row(int a, ReadOnlySpan<int> others, Span<double> into)
    {
        if (_text is not null)
        {
            _text.DotRow(a, others, into, _dense);
            for (int t = 0; t < others.Length; t++) into[t] *= _textShare;
        }
        else
        {
            into[..others.Length].Clear();
        }
        for (int t = 0; t < others.Length; t++)
        {
            if (others[t] == a) into[t] = 1;
            else
            {
                if (_attributes is not null) into[t] += _attributeShare * Attributes(a, others[t]);
                if (_vectors is not null) into[t] += _vectorShare * _vectors.Dot(a, others[t]);
            }
        }
    }

    private double Attributes(int a, int b)
    {
        ItemAttributes attributes = _attributes!;
        int fields = attributes.Fields.Length;
        if (_setIds is not null)
        {
            int same = 0;
            for (int f = 0; f < fields; f++)
                if (_setIds[f][a] >= 0 && _setIds[f][a] == _setIds[f][b]) same++;
            return (double)same / fields;
        }
        int common = 0, total = 0;
        for (int f = 0; f < fields; f++)
        {
            int[] x = attributes.Ids[f][a], y = attributes.Ids[f][b];
            int shared = Common(x, y);
            common += shared;
            total += x.Length + y.Length - shared;
        }
        return total == 0 ? 0 : (double)common / total;
    }

    private static int Common(int[] x, int[] y)
    {
        int shared = 0, p = 0, q = 0;
        while (p < x.Length && q < y.Length)
        {
            if (x[p] == y[q]) { shared++; p++; q++; }
            else if (x[p] < y[q]) p++;
            else q++;
        }
        return shared;
    }

    /// <summary>Per field, an id for each candidate's exact set of values (-1 when it has none), so equality is one comparison.</summary>
    private static int[][] SetIds(ItemAttributes attributes)
    {
        var result = new int[attributes.Fields.Length][];
        for (int f = 0; f < result.Length; f++)
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            result[f] = new int[attributes.Count];
            for (int i = 0; i < attributes.Count; i++)
            {
                int[] values = attributes.Ids[f][i];
                if (values.Length == 0) { result[f][i] = -1; continue; }
                string key = values.Length == 1 ? values[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Join(',', values);
                if (!ids.TryGetValue(key, out int id)) ids[key] = id = ids.Count;
                result[f][i] = id;
            }
        }
        return result;
    }
}
