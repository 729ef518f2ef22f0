using LuceneReco.Index.Documents;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Search;

/// <summary>
/// TF-IDF vectors of items from their term vectors, for similarity between items (the diversity stage):
/// each term of each chosen field weighs <c>sqrt(tf) * idf</c> (Lucene's classic components), keyed
/// <c>field:term</c>, and the vector is normalised so that the cosine is a dot product.
/// </summary>
public sealed class ItemVectors
{
    private readonly IndexReader _reader;
    private readonly string[] _fields;
    private readonly ClassicSimilarity _similarity = new();

    /// <summary>Vectors over <paramref name="fields"/> (null: every text field with term vectors).</summary>
    /// <exception cref="ArgumentException">A field is unknown or has no term vectors.</exception>
    public ItemVectors(IndexReader reader, IReadOnlyList<string>? fields = null)
    {
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _fields = (fields ?? reader.Schema.Fields.Where(f => f.Kind == FieldKind.Text && f.TermVectors).Select(f => f.Name)).ToArray();
        foreach (var f in _fields)
        {
            var def = reader.Schema.Find(f) ?? throw new ArgumentException($"Unknown field '{f}'.", nameof(fields));
            if (!def.TermVectors) throw new ArgumentException($"Field '{f}' has no term vectors.", nameof(fields));
        }
    }

    /// <summary>The vector of doc <paramref name="doc"/>.</summary>
    public SparseVector Of(int doc)
    {
        var entries = new List<(string Key, float Weight)>();
        foreach (var field in _fields)
        {
            long docCount = Math.Max(1, _reader.DocCount(field));
            foreach (var (term, freq) in _reader.TermVector(doc, field))
                entries.Add((field + ":" + term, _similarity.Tf(freq) * _similarity.Idf(_reader.DocFreq(field, term), docCount)));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries.Count == 0 ? SparseVector.Empty : new SparseVector(entries.Select(e => e.Key).ToArray(), entries.Select(e => e.Weight).ToArray());
    }

    /// <summary>The vector of the live item <paramref name="id"/>, or null when there is none.</summary>
    public SparseVector? Of(string id)
    {
        int doc = _reader.DocOf(id);
        return doc < 0 ? null : Of(doc);
    }

    /// <summary>The cosine similarity of two docs' vectors.</summary>
    public float Cosine(int a, int b) => Of(a).Cosine(Of(b));
}
