using System.Collections;
using LuceneReco.Index.Analysis;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Index.Search.Similarities;
using LuceneReco.Index.Vectors;
using NativeMlt = LuceneReco.Index.Search.MoreLikeThis.MoreLikeThis;

namespace LuceneReco.Index.Backends;

/// <summary><see cref="IRecallView"/> over one native <see cref="IndexReader"/>: every call forwards to the reader and its searchers.</summary>
internal sealed class NativeRecallView(IndexReader reader, Action release) : IRecallView
{
    private int _disposed;

    public IndexReader Reader { get; } = reader;

    public IndexSchema Schema => Reader.Schema;

    public int MaxDoc => Reader.MaxDoc;

    public int NumDocs => Reader.NumDocs;

    public long Version => Reader.Generation;

    public IndexStats Stats => Reader.Stats;

    public int DocOf(string id) => Reader.DocOf(id);

    public string IdOf(int doc) => Reader.IdOf(doc);

    public bool IsLive(int doc) => Reader.IsLive(doc);

    public Document Stored(int doc) => Reader.Stored(doc);

    public double? Number(int doc, string field) => Reader.Number(doc, field);

    public IReadOnlyList<string> Analyze(string field, string text)
    {
        var def = Schema.Find(field) ?? throw new ArgumentException($"Unknown field '{field}'.", nameof(field));
        if (def.Kind != FieldKind.Text) throw new ArgumentException($"Field '{field}' is not a text field.", nameof(field));
        return Analyzers.ByName(def.Analyzer).Terms(text);
    }

    public int DocFreq(string field, string term) => Reader.DocFreq(field, term);

    public long TotalTermFreq(string field, string term) => Reader.TotalTermFreq(field, term);

    public int DocCount(string field) => Reader.DocCount(field);

    public long SumTotalTermFreq(string field) => Reader.SumTotalTermFreq(field);

    public IReadOnlyList<TermVectorEntry> TermVector(int doc, string field) => Reader.TermVector(doc, field);

    public int Freq(int doc, string field, string term) => Reader.Freq(doc, field, term);

    public Query Parse(string text, IReadOnlyList<string>? filters = null, IReadOnlyList<string>? fields = null) =>
        new QueryParser(Schema, fields).Parse(text, filters);

    public TopDocs Search(Query query, int k, Similarity? similarity = null, int excludeDoc = -1) =>
        new IndexSearcher(Reader, similarity).Search(query, k, excludeDoc);

    public BitArray Matching(Query query) => new IndexSearcher(Reader).Matching(query);

    public Explanation? Explain(Query query, int doc, Similarity? similarity = null) => new IndexSearcher(Reader, similarity).Explain(query, doc);

    public VectorSpace? VectorSpace => Reader.VectorSpace;

    public ReadOnlySpan<float> Vector(int doc) => Reader.Vector(doc);

    public TopDocs NearestVectors(VectorSpace space, ReadOnlySpan<float> query, int k, Func<int, bool>? accept = null, VectorSearchOptions? options = null) =>
        VectorSearch.Nearest(Reader, space, query, k, accept, options ?? VectorSearchOptions.Default);

    public MoreLikeThisQuery LikeDoc(int doc, MoreLikeThisOptions options) => new NativeMlt(Reader, options).LikeDoc(doc);

    public MoreLikeThisQuery LikeText(string text, MoreLikeThisOptions options) => new NativeMlt(Reader, options).LikeText(text);

    public MoreLikeThisQuery LikeDocs(IReadOnlyList<(int Doc, float Weight)> docs, MoreLikeThisOptions options) => new NativeMlt(Reader, options).LikeDocs(docs);

    public IReadOnlyList<MoreLikeThisHit> MoreLikeThis(MoreLikeThisQuery query, int k, MoreLikeThisOptions options, Query? filter = null)
    {
        if (filter is null) return new NativeMlt(Reader, options).Search(query, k);
        var filtered = query with { Query = new BooleanQuery([new BooleanClause(query.Query, Occur.Must), new BooleanClause(filter, Occur.Filter)]) };
        return new NativeMlt(Reader, options).Search(filtered, k);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) release();
    }
}
