using LuceneReco.Index;
using LuceneReco.Index.Documents;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Serving;

/// <summary>
/// <see cref="IItemCatalog"/> over the index. Stages are cached across requests, so the reader is chosen
/// per call: the reader of the request being ranked (set by the runner for the stage's async flow with
/// <see cref="UseReader"/>), else the newest one. A stage thus sees the same point-in-time view as recall did.
/// </summary>
internal sealed class ItemCatalogView(IIndexView index) : IItemCatalog
{
    private static readonly AsyncLocal<IndexReader?> RequestReader = new();
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoFields = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Makes <paramref name="reader"/> the view of the current async flow (and the stages it starts).</summary>
    public static void UseReader(IndexReader reader) => RequestReader.Value = reader;

    private IndexReader Reader => RequestReader.Value ?? index.Reader;

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
}
