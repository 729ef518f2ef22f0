using System.Collections;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search.MoreLikeThis;
using Our = LuceneReco.Index.Search;
using LuceneIndexReader = Lucene.Net.Index.IndexReader;
using OurSimilarity = LuceneReco.Index.Search.Similarities.Similarity;

namespace LuceneReco.Index.LuceneNet;

/// <summary><see cref="IRecallView"/> over one Lucene.Net reader (a searcher acquired from the index's SearcherManager; released on dispose).</summary>
internal sealed class LuceneNetRecallView : IRecallView
{
    private readonly Action _release;
    private readonly IBits? _live;
    private FieldInfos? _infos;
    private int _disposed;

    public LuceneNetRecallView(IndexSearcher searcher, LuceneNetContext context, Action release)
    {
        Reader = searcher.IndexReader;
        Context = context;
        _release = release;
        _live = MultiFields.GetLiveDocs(Reader);
    }

    public LuceneIndexReader Reader { get; }

    public LuceneNetContext Context { get; }

    public IndexSchema Schema => Context.Projected;

    public int MaxDoc => Reader.MaxDoc;

    public int NumDocs => Reader.NumDocs;

    public long Version => Reader is DirectoryReader directory ? directory.Version : 0;

    public IndexStats Stats
    {
        get
        {
            long bytes = 0, generation = 0;
            if (Reader is DirectoryReader dr)
            {
                var commit = dr.IndexCommit;
                generation = commit.Generation;
                var present = new HashSet<string>(dr.Directory.ListAll(), StringComparer.Ordinal); // an NRT view may name files not yet written out
                foreach (var file in commit.FileNames)
                    if (present.Contains(file)) bytes += dr.Directory.FileLength(file);
            }
            return new IndexStats(Reader.Leaves.Count, Reader.NumDocs, Reader.NumDeletedDocs, bytes, generation);
        }
    }

    public int DocOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var docs = MultiFields.GetTermDocsEnum(Reader, _live, Context.Schema.IdField, new BytesRef(id), DocsFlags.NONE);
        if (docs is null) return -1;
        int found = -1;
        for (int d = docs.NextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.NextDoc()) found = d; // the newest if an application indexed the id twice
        return found;
    }

    public string IdOf(int doc)
    {
        CheckDoc(doc);
        string field = Context.Schema.IdField;
        return Reader.Document(doc, new HashSet<string> { field }).Get(field)
            ?? throw new InvalidDataException($"Document {doc} of the Lucene.Net index has no stored id field '{field}'.");
    }

    public bool IsLive(int doc)
    {
        CheckDoc(doc);
        return _live is null || _live.Get(doc);
    }

    public Document Stored(int doc)
    {
        CheckDoc(doc);
        return LuceneNetDocuments.FromLucene(Reader.Document(doc), Context.Schema, doc);
    }

    public double? Number(int doc, string field)
    {
        CheckDoc(doc);
        var f = Field(field);
        if (f.Kind != "numeric") throw new ArgumentException($"Field '{field}' is not a numeric field.", nameof(field));
        _infos ??= MultiFields.GetMergedFieldInfos(Reader);
        if (_infos.FieldInfo(field) is { DocValuesType: DocValuesType.NUMERIC })
        {
            var has = MultiDocValues.GetDocsWithField(Reader, field);
            var values = MultiDocValues.GetNumericValues(Reader, field);
            return has is not null && values is not null && has.Get(doc) ? LuceneNetDocuments.Decode(values.Get(doc), f.NumericTypeName) : null;
        }
        var stored = Reader.Document(doc, new HashSet<string> { field }).GetField(field);
        return stored?.GetDoubleValue();
    }

    public IReadOnlyList<string> Analyze(string field, string text)
    {
        if (Field(field).Kind != "text") throw new ArgumentException($"Field '{field}' is not a text field.", nameof(field));
        return LuceneNetAnalyzers.Terms(Context.Analyzer, field, text);
    }

    public int DocFreq(string field, string term) => Reader.DocFreq(new Term(Field(field).Name, term));

    public long TotalTermFreq(string field, string term) => Reader.TotalTermFreq(new Term(Field(field).Name, term));

    public int DocCount(string field) => Math.Max(0, Reader.GetDocCount(Field(field).Name));

    public long SumTotalTermFreq(string field) => Math.Max(0, Reader.GetSumTotalTermFreq(Field(field).Name));

    public IReadOnlyList<TermVectorEntry> TermVector(int doc, string field)
    {
        Field(field);
        if (!Context.HasTermVectors(field)) throw new ArgumentException($"Field '{field}' has no term vectors.", nameof(field));
        CheckDoc(doc);
        var terms = Reader.GetTermVector(doc, field);
        if (terms is null) return [];
        var result = new List<TermVectorEntry>();
        var e = terms.GetEnumerator();
        while (e.MoveNext()) result.Add(new TermVectorEntry(e.Term.Utf8ToString(), (int)e.TotalTermFreq));
        result.Sort((a, b) => string.CompareOrdinal(a.Term, b.Term));
        return result;
    }

    public int Freq(int doc, string field, string term)
    {
        Field(field);
        CheckDoc(doc);
        var leaves = Reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        int local = doc - leaf.DocBase;
        var docs = leaf.AtomicReader.GetTermDocsEnum(new Term(field, term));
        return docs is not null && docs.Advance(local) == local ? docs.Freq : 0;
    }

    public Our.Query Parse(string text, IReadOnlyList<string>? filters = null, IReadOnlyList<string>? fields = null) =>
        new Our.QueryParser(Schema, fields, Analyze).Parse(text, filters);

    public Our.TopDocs Search(Our.Query query, int k, OurSimilarity? similarity = null, int excludeDoc = -1)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (k < 1 || k > Our.IndexSearcher.MaxK) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and {Our.IndexSearcher.MaxK}");
        var searcher = Searcher(similarity);
        var top = searcher.Search(LuceneNetQueries.Translate(query, Context.Schema), excludeDoc >= 0 ? k + 1 : k);
        var hits = new List<Our.ScoreDoc>(Math.Min(k, top.ScoreDocs.Length));
        int total = top.TotalHits;
        foreach (var hit in top.ScoreDocs)
        {
            if (hit.Doc == excludeDoc) { total--; continue; }
            if (hits.Count < k) hits.Add(new Our.ScoreDoc(hit.Doc, hit.Score));
        }
        return new Our.TopDocs(total, hits);
    }

    public BitArray Matching(Our.Query query)
    {
        var bits = new BitArray(Math.Max(1, Reader.MaxDoc));
        Searcher(null).Search(LuceneNetQueries.Translate(query, Context.Schema), new BitsCollector(bits));
        return bits;
    }

    public Our.Explanation? Explain(Our.Query query, int doc, OurSimilarity? similarity = null)
    {
        var lq = LuceneNetQueries.Translate(query, Context.Schema);
        if (!IsLive(doc)) return null;
        var e = Searcher(similarity).Explain(lq, doc);
        return e.IsMatch ? LuceneNetQueries.Explanation(e) : null;
    }

    /// <summary>Null: Lucene.Net 4.8 has no vector field and no side store is kept (listed in the index's Unavailable).</summary>
    public Vectors.VectorSpace? VectorSpace => null;

    public ReadOnlySpan<float> Vector(int doc)
    {
        CheckDoc(doc);
        return default;
    }

    public Our.TopDocs NearestVectors(Vectors.VectorSpace space, ReadOnlySpan<float> query, int k, Func<int, bool>? accept = null, Vectors.VectorSearchOptions? options = null) =>
        throw new BackendFeatureUnavailableException("lucenenet", "Dense vectors (semantic recall)", LuceneNetRecallIndex.WhyNoVectors);

    public MoreLikeThisQuery LikeDoc(int doc, MoreLikeThisOptions options) => new LuceneNetMoreLikeThis(this, options).LikeDoc(doc);

    public MoreLikeThisQuery LikeText(string text, MoreLikeThisOptions options) => new LuceneNetMoreLikeThis(this, options).LikeText(text);

    public MoreLikeThisQuery LikeDocs(IReadOnlyList<(int Doc, float Weight)> docs, MoreLikeThisOptions options) => new LuceneNetMoreLikeThis(this, options).LikeDocs(docs);

    public IReadOnlyList<MoreLikeThisHit> MoreLikeThis(MoreLikeThisQuery query, int k, MoreLikeThisOptions options, Our.Query? filter = null) =>
        new LuceneNetMoreLikeThis(this, options).Search(query, k, filter);

    internal IndexSearcher Searcher(OurSimilarity? similarity) => new(Reader) { Similarity = LuceneNetQueries.Similarity(similarity) };

    private LuceneNetField Field(string field) =>
        Context.Schema.Find(field) ?? throw new ArgumentException($"Unknown field '{field}' (fields: {string.Join(", ", Context.Schema.Fields.Select(f => f.Name))}).", nameof(field));

    private void CheckDoc(int doc)
    {
        if ((uint)doc >= (uint)Reader.MaxDoc) throw new ArgumentOutOfRangeException(nameof(doc), doc, $"doc must be 0 to {Reader.MaxDoc - 1}");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _release();
    }

    /// <summary>Sets the bit of every doc a query matches (scores are not computed beyond what matching needs).</summary>
    private sealed class BitsCollector(BitArray bits) : ICollector
    {
        private int _base;

        public void SetScorer(Scorer scorer) { }

        public void Collect(int doc) => bits[_base + doc] = true;

        public void SetNextReader(AtomicReaderContext context) => _base = context.DocBase;

        public bool AcceptsDocsOutOfOrder => true;
    }
}
