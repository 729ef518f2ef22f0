using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// <see cref="IItemCatalog"/> over the index: either one point-in-time view (the view a request's recall searched, handed
/// to its sources and stages as <see cref="RankingRequest.Items"/>) or the newest view of an index on every call (the
/// <see cref="IRankerServices.Items"/> a plugin gets when it is created). It also answers the per-field statistics of
/// <see cref="IFieldStatistics"/> (documents with the field and their mean length, as Lucene's CollectionStatistics), so
/// per-field BM25 features use the whole catalogue's figures rather than the candidates', and the items' embedding vectors
/// (<see cref="IItemVectors"/>) for stages and features that compare items by meaning.
/// </summary>
internal sealed class ItemCatalogView : IItemCatalog, IFieldStatistics, IItemVectors
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoFields = new Dictionary<string, IReadOnlyList<string>>();

    private readonly IIndexView? _index;
    private readonly IRecallView? _view;

    /// <summary>The newest view of <paramref name="index"/>, acquired (and released) on every call.</summary>
    public ItemCatalogView(IIndexView index) => _index = index ?? throw new ArgumentNullException(nameof(index));

    /// <summary>The fixed view <paramref name="view"/> (the caller holds it while the catalogue is used).</summary>
    public ItemCatalogView(IRecallView view) => _view = view ?? throw new ArgumentNullException(nameof(view));

    /// <summary>The fixed view, or the index's newest acquired for one call (no allocation on the fixed view: a request's hot path).</summary>
    private Lease Use() => _view is not null ? new Lease(_view, false) : new Lease(_index!.Acquire(), true);

    public int Count
    {
        get
        {
            using var lease = Use();
            return lease.View.NumDocs;
        }
    }

    public bool Contains(string itemId)
    {
        using var lease = Use();
        return lease.View.DocOf(itemId) >= 0;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId)
    {
        using var lease = Use();
        var reader = lease.View;
        int doc = reader.DocOf(itemId);
        return doc < 0 ? NoFields : FieldsOf(reader, doc);
    }

    /// <summary>The stored string values of <paramref name="doc"/> by field, in stored order.</summary>
    public static Dictionary<string, IReadOnlyList<string>> FieldsOf(IRecallView reader, int doc)
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
        using var lease = Use();
        var reader = lease.View;
        int doc = reader.DocOf(itemId);
        if (doc < 0 || reader.Schema.Find(field) is not { Kind: FieldKind.Numeric }) return null;
        return reader.Number(doc, field);
    }

    public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field)
    {
        using var lease = Use();
        var reader = lease.View;
        int doc = reader.DocOf(itemId);
        if (doc < 0 || reader.Schema.Find(field) is not { TermVectors: true }) return [];
        var tv = reader.TermVector(doc, field);
        var result = new KeyValuePair<string, int>[tv.Count];
        for (int i = 0; i < tv.Count; i++) result[i] = new KeyValuePair<string, int>(tv[i].Term, tv[i].Freq);
        return result;
    }

    public int DocFreq(string field, string term)
    {
        using var lease = Use();
        var reader = lease.View;
        return reader.Schema.Find(field) is null ? 0 : reader.DocFreq(field, term);
    }

    public double? AverageLength(string field)
    {
        using var lease = Use();
        var reader = lease.View;
        if (reader.Schema.Find(field) is not { Kind: FieldKind.Text }) return null;
        int docs = reader.DocCount(field);
        return docs == 0 ? null : reader.SumTotalTermFreq(field) / (double)docs;
    }

    public int? DocCount(string field)
    {
        using var lease = Use();
        var reader = lease.View;
        return reader.Schema.Find(field) is { Kind: FieldKind.Text or FieldKind.Keyword } ? reader.DocCount(field) : null;
    }

    public int VectorDimension
    {
        get
        {
            using var lease = Use();
            return lease.View.VectorSpace?.Dimension ?? 0;
        }
    }

    public string? VectorModel
    {
        get
        {
            using var lease = Use();
            return lease.View.VectorSpace?.Model;
        }
    }

    public bool TryCopyVector(string itemId, Span<float> destination)
    {
        using var lease = Use();
        var reader = lease.View;
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

    /// <summary>A view for one call, released after it only when it was acquired for it.</summary>
    private readonly struct Lease(IRecallView view, bool owned) : IDisposable
    {
        public IRecallView View => view;

        public void Dispose()
        {
            if (owned) view.Dispose();
        }
    }
}
