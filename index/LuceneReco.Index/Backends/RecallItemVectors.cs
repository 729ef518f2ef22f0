using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Backends;

/// <summary>
/// TF-IDF item vectors (for similarity between items, the diversity stage) over any <see cref="IRecallView"/>, computed
/// as <see cref="ItemVectors"/> computes them on the native reader: each term of each chosen field weighs
/// <c>sqrt(tf) * idf</c> (classic components, idf from the field's doc count), keyed <c>field:term</c>, normalised.
/// </summary>
public sealed class RecallItemVectors
{
    private readonly IRecallView _view;
    private readonly string[] _fields;
    private readonly ClassicSimilarity _similarity = new();

    /// <summary>Vectors over <paramref name="fields"/> (null: every text field with term vectors).</summary>
    /// <exception cref="ArgumentException">A field is unknown or has no term vectors.</exception>
    public RecallItemVectors(IRecallView view, IReadOnlyList<string>? fields = null)
    {
        _view = view ?? throw new ArgumentNullException(nameof(view));
        _fields = (fields ?? view.Schema.Fields.Where(f => f.Kind == FieldKind.Text && f.TermVectors).Select(f => f.Name)).ToArray();
        foreach (var f in _fields)
        {
            var def = view.Schema.Find(f) ?? throw new ArgumentException($"Unknown field '{f}'.", nameof(fields));
            if (!def.TermVectors) throw new ArgumentException($"Field '{f}' has no term vectors.", nameof(fields));
        }
    }

    /// <summary>The vector of doc <paramref name="doc"/>.</summary>
    public SparseVector Of(int doc)
    {
        var entries = new List<(string Key, float Weight)>();
        foreach (var field in _fields)
        {
            long docCount = Math.Max(1, _view.DocCount(field));
            foreach (var (term, freq) in _view.TermVector(doc, field))
                entries.Add((field + ":" + term, _similarity.Tf(freq) * _similarity.Idf(_view.DocFreq(field, term), docCount)));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries.Count == 0 ? SparseVector.Empty : new SparseVector(entries.Select(e => e.Key).ToArray(), entries.Select(e => e.Weight).ToArray());
    }

    /// <summary>The cosine similarity of two docs' vectors.</summary>
    public float Cosine(int a, int b) => Of(a).Cosine(Of(b));
}
