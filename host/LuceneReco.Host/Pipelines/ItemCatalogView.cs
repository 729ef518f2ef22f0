using LuceneReco.Index;
using LuceneReco.Index.Documents;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// <see cref="IItemCatalog"/> over the index: either one point-in-time reader (the view a request's recall searched, handed
/// to its sources and stages as <see cref="RankingRequest.Items"/>) or the newest reader of an index on every call (the
/// <see cref="IRankerServices.Items"/> a plugin gets when it is created). It also answers the per-field statistics of
/// <see cref="IFieldStatistics"/> (documents with the field and their mean length, as Lucene's CollectionStatistics), so
/// per-field BM25 features use the whole catalogue's figures rather than the candidates', and the items' embedding vectors
/// (<see cref="IItemVectors"/>) for stages and features that compare items by meaning.
/// </summary>
internal sealed class ItemCatalogView : IItemCatalog, IFieldStatistics, IItemVectors
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoFields = new Dictionary<string, IReadOnlyList<string>>();

    private readonly IIndexView? _index;
    private readonly IndexReader? _reader;

    /// <summary>The newest view of <paramref name="index"/>, on every call.</summary>
    public ItemCatalogView(IIndexView index) => _index = index ?? throw new ArgumentNullException(nameof(index));

    /// <summary>The fixed view <paramref name="reader"/>.</summary>
    public ItemCatalogView(IndexReader reader) => _reader = reader ?? throw new ArgumentNullException(nameof(reader));

    private IndexReader Reader => _reader ?? _index!.Reader;

    public int Count => Reader.NumDocs;

    public bool Contains(string itemId) => Reader.DocOf(itemId) >= 0;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId)
    {
        var reader = Reader;
        int doc = reader.DocOf(itemId);
        return doc < 0 ? NoFields : FieldsOf(reader, doc);
    }

    /// <summary>The stored string values of <paramref name="doc"/> by field, in stored order.</summary>
    public static Dictionary<string, IReadOnlyList<string>> FieldsOf(IndexReader reader, int doc)
    {
        var stored = reader.Stored(doc);
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (field, value) in stored.Strings)
        {
            if (fields.TryGetValue(field, out var list)) ((List<string>)list).Add(value);
            else fields[field] = new List<string> { value };
        }
        return fields;
    }

    public double? Number(string itemId, string field)
    {
        var reader = Reader;
        int doc = reader.DocOf(itemId);
        if (doc < 0 || reader.Schema.Find(field) is not { Kind: FieldKind.Numeric }) return null;
        return reader.Number(doc, field);
    }

    public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field)
    {
        var reader = Reader;
        int doc = reader.DocOf(itemId);
        if (doc < 0 || reader.Schema.Find(field) is not { TermVectors: true }) return [];
        var tv = reader.TermVector(doc, field);
        var result = new KeyValuePair<string, int>[tv.Count];
        for (int i = 0; i < tv.Count; i++) result[i] = new KeyValuePair<string, int>(tv[i].Term, tv[i].Freq);
        return result;
    }

    public int DocFreq(string field, string term)
    {
        var reader = Reader;
        return reader.Schema.Find(field) is null ? 0 : reader.DocFreq(field, term);
    }

    public double? AverageLength(string field)
    {
        var reader = Reader;
        if (reader.Schema.Find(field) is not { Kind: FieldKind.Text }) return null;
        int docs = reader.DocCount(field);
        return docs == 0 ? null : reader.SumTotalTermFreq(field) / (double)docs;
    }

    public int? DocCount(string field)
    {
        var reader = Reader;
        return reader.Schema.Find(field) is { Kind: FieldKind.Text or FieldKind.Keyword } ? reader.DocCount(field) : null;
    }

    public int VectorDimension => Reader.VectorSpace?.Dimension ?? 0;

    public string? VectorModel => Reader.VectorSpace?.Model;

    public bool TryCopyVector(string itemId, Span<float> destination)
    {
        var reader = Reader;
        if (reader.VectorSpace is not { } space) return false;
        if (destination.Length < space.Dimension)
            throw new ArgumentException($"The destination holds {destination.Length} values; the vectors have {space.Dimension}.", nameof(destination));
        int doc = reader.DocOf(itemId);
        if (doc < 0) return false;
        var vector = reader.Vector(doc);
        if (vector.IsEmpty) return false;
        vector.CopyTo(destination);
        return true;
    }
}
