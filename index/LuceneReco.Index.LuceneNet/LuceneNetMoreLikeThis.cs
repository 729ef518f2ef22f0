using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Search.MoreLikeThis;
using Our = LuceneReco.Index.Search;
using LuceneMlt = Lucene.Net.Queries.Mlt.MoreLikeThis;

namespace LuceneReco.Index.LuceneNet;

/// <summary>
/// MoreLikeThis on the Lucene.Net backend. From one document and from text it is Lucene.Net.Queries' own
/// <see cref="LuceneMlt"/> (its term selection; we read the chosen terms back from <c>RetrieveTerms</c> and build the
/// query as its <c>CreateQuery</c> does). From a weighted profile, which Lucene.Net lacks, it repeats Lucene.Net 4.8's
/// selection with weighted frequencies: the documents' term vectors (or re-analysed stored text) summed over the fields
/// with each frequency times its document's weight, each word scored <c>tf * idf(docFreq, numDocs)</c> in the field
/// where it is most frequent, the best <see cref="MoreLikeThisOptions.MaxQueryTerms"/> kept; one document of weight 1
/// chooses exactly what <see cref="LikeDoc"/> does.
/// </summary>
internal sealed class LuceneNetMoreLikeThis
{
    private readonly LuceneNetRecallView _view;
    private readonly MoreLikeThisOptions _options;
    private readonly string[] _fields;
    private readonly DefaultSimilarity _idf = new();

    public LuceneNetMoreLikeThis(LuceneNetRecallView view, MoreLikeThisOptions options)
    {
        _view = view;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.TermSelection != TermSelection.TfIdf)
            throw new BackendFeatureUnavailableException("lucenenet", "MoreLikeThis term selection by BM25", "Lucene.Net's MoreLikeThis selects terms by tf x idf");
        if (options.SqrtTf)
            throw new BackendFeatureUnavailableException("lucenenet", "MoreLikeThis with sqrt(tf) term selection", "Lucene.Net 4.8's MoreLikeThis uses the raw frequency");
        var errors = options.Validate();
        var schema = view.Context.Schema;
        var texts = schema.Fields.Where(f => f.Kind == "text").ToList();
        var byDefault = texts.Where(f => view.Context.HasTermVectors(f.Name)).ToList();
        if (byDefault.Count == 0) byDefault = texts.Where(f => f.Stored).ToList(); // re-analysed (the index warned when it opened)
        _fields = (options.Fields ?? byDefault.Select(f => f.Name).ToList()).ToArray();
        foreach (var name in _fields)
        {
            var f = schema.Find(name);
            if (f is null) errors.Add($"unknown field '{name}' (fields: {string.Join(", ", schema.Fields.Select(x => x.Name))})");
            else if (f.Kind != "text") errors.Add($"field '{name}' is not a text field");
            else if (!view.Context.HasTermVectors(name) && !f.Stored) errors.Add($"field '{name}' keeps neither term vectors nor stored text, so MoreLikeThis cannot read it");
        }
        if (_fields.Length == 0) errors.Add("the index has no text field with term vectors or stored text; name fields explicitly");
        if (errors.Count > 0) throw new ArgumentException("Invalid MoreLikeThis options: " + string.Join("; ", errors));
    }

    private LuceneMlt NewLucene() => new(_view.Reader)
    {
        FieldNames = _fields,
        Analyzer = _view.Context.Analyzer,
        MinTermFreq = _options.MinTermFreq,
        MinDocFreq = _options.MinDocFreq,
        MaxDocFreq = _options.MaxDocFreq ?? int.MaxValue,
        MaxQueryTerms = _options.MaxQueryTerms,
        MinWordLen = _options.MinWordLength ?? 0,
        MaxWordLen = _options.MaxWordLength ?? 0,
        StopWords = _options.StopWords is null ? null : new HashSet<string>(_options.StopWords, StringComparer.Ordinal),
        ApplyBoost = _options.Boost,
        BoostFactor = _options.BoostFactor,
    };

    public MoreLikeThisQuery LikeDoc(int doc)
    {
        if (!_view.IsLive(doc)) throw new ArgumentException($"Doc {doc} is not a live document.", nameof(doc));
        var queue = NewLucene().RetrieveTerms(doc);
        var terms = new List<InterestingTerm>();
        while (terms.Count < _options.MaxQueryTerms && queue.Pop() is { } t)
            terms.Add(new InterestingTerm(t.TopField, t.Word, t.Score, t.Idf, t.DocFreq, t.Tf));
        return Build(terms, new HashSet<int> { doc });
    }

    public MoreLikeThisQuery LikeText(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("The text to find similar items for is empty.", nameof(text));
        // Lucene.Net analyses the text once, with the first field's analyzer, and scores the words over every field
        var queue = NewLucene().RetrieveTerms(new StringReader(text), _fields[0]);
        var terms = new List<InterestingTerm>();
        while (terms.Count < _options.MaxQueryTerms && queue.Pop() is { } t)
            terms.Add(new InterestingTerm(t.TopField, t.Word, t.Score, t.Idf, t.DocFreq, t.Tf));
        return Build(terms, new HashSet<int>());
    }

    public MoreLikeThisQuery LikeDocs(IReadOnlyList<(int Doc, float Weight)> docs)
    {
        ArgumentNullException.ThrowIfNull(docs);
        if (docs.Count == 0) throw new ArgumentException("At least one source document is needed.", nameof(docs));
        var freqs = new Dictionary<string, float>(StringComparer.Ordinal); // insertion-ordered, as Lucene.Net's map
        var sources = new HashSet<int>();
        foreach (var (doc, weight) in docs)
        {
            if (!(weight > 0) || !float.IsFinite(weight)) throw new ArgumentException($"Weight of doc {doc} must be a positive number, got {weight}.", nameof(docs));
            if (doc < 0 || doc >= _view.MaxDoc || !_view.IsLive(doc)) throw new ArgumentException($"Doc {doc} is not a live document.", nameof(docs));
            sources.Add(doc);
            foreach (var field in _fields) AddFrequencies(freqs, doc, field, weight);
        }
        return Build(Select(freqs), sources);
    }

    private void AddFrequencies(Dictionary<string, float> freqs, int doc, string field, float weight)
    {
        var vector = _view.Reader.GetTermVector(doc, field);
        if (vector is not null)
        {
            var e = vector.GetEnumerator();
            while (e.MoveNext())
            {
                string term = e.Term.Utf8ToString();
                if (!IsNoise(term)) freqs[term] = freqs.GetValueOrDefault(term) + e.TotalTermFreq * weight;
            }
            return;
        }
        foreach (var stored in _view.Reader.Document(doc).GetFields(field))
        {
            if (stored.GetStringValue() is not { } text) continue;
            int parsed = 0;
            foreach (var term in LuceneNetAnalyzers.Terms(_view.Context.Analyzer, field, text))
            {
                if (++parsed > LuceneMlt.DEFAULT_MAX_NUM_TOKENS_PARSED) break;
                if (!IsNoise(term)) freqs[term] = freqs.GetValueOrDefault(term) + weight;
            }
        }
    }

    private bool IsNoise(string term) =>
        (_options.MinWordLength is int min && term.Length < min)
        || (_options.MaxWordLength is int max && term.Length > max)
        || (_options.StopWords?.Contains(term) ?? false);

    /// <summary>Lucene.Net 4.8's createQueue and the pops of createQuery, with float frequencies.</summary>
    private List<InterestingTerm> Select(Dictionary<string, float> freqs)
    {
        int numDocs = _view.Reader.NumDocs;
        var queue = new ScoreQueue(freqs.Count);
        foreach (var (word, tf) in freqs)
        {
            if (_options.MinTermFreq > 0 && tf < _options.MinTermFreq) continue;
            string topField = _fields[0];
            int docFreq = 0;
            foreach (var field in _fields)
            {
                int df = _view.Reader.DocFreq(new Term(field, word));
                if (df > docFreq) { topField = field; docFreq = df; }
            }
            if (_options.MinDocFreq > 0 && docFreq < _options.MinDocFreq) continue;
            if (_options.MaxDocFreq is int maxDf && docFreq > maxDf) continue;
            if (docFreq == 0) continue;
            float idf = _idf.Idf(docFreq, numDocs);
            queue.InsertWithOverflow(new InterestingTerm(topField, word, tf * idf, idf, docFreq, tf));
        }
        var terms = new List<InterestingTerm>();
        while (terms.Count < _options.MaxQueryTerms && queue.Pop() is { } t) terms.Add(t);
        return terms;
    }

    /// <summary>The query of the chosen terms (best first, the order Lucene.Net adds them), boosted relative to the best when asked.</summary>
    private MoreLikeThisQuery Build(List<InterestingTerm> terms, HashSet<int> sources)
    {
        if (terms.Count == 0)
            return new MoreLikeThisQuery(new Our.BooleanQuery([new Our.BooleanClause(new Our.MatchAllQuery(), Our.Occur.MustNot)]), terms, sources);
        float best = terms[0].Score;
        var clauses = terms.Select(t => new Our.BooleanClause(
            new Our.TermQuery(t.Field, t.Term) { Boost = _options.Boost ? _options.BoostFactor * t.Score / best : 1f }, Our.Occur.Should)).ToList();
        return new MoreLikeThisQuery(new Our.BooleanQuery(clauses), terms, sources);
    }

    public IReadOnlyList<MoreLikeThisHit> Search(MoreLikeThisQuery query, int k, Our.Query? filter)
    {
        if (query.Terms.Count == 0) return [];
        var q = filter is null ? query.Query : new Our.BooleanQuery([new Our.BooleanClause(query.Query, Our.Occur.Must), new Our.BooleanClause(filter, Our.Occur.Filter)]);
        var top = _view.Search(q, Math.Min(k + query.SourceDocs.Count, Our.IndexSearcher.MaxK), _options.Similarity);
        var docs = new List<int>(Math.Min(k, top.Hits.Count));
        var scores = new List<float>(docs.Capacity);
        foreach (var hit in top.Hits)
        {
            if (query.SourceDocs.Contains(hit.Doc)) continue;
            if (docs.Count == k) break;
            docs.Add(hit.Doc);
            scores.Add(hit.Score);
        }
        var matched = Matched(docs, query.Terms);
        var hits = new List<MoreLikeThisHit>(docs.Count);
        for (int i = 0; i < docs.Count; i++) hits.Add(new MoreLikeThisHit(docs[i], _view.IdOf(docs[i]), scores[i], matched[i]));
        return hits;
    }

    /// <summary>
    /// Which chosen terms each doc contains, in the order of <paramref name="terms"/>: one postings walk per term and
    /// segment over the docs in ascending order (a lookup per term and hit cost several times the search itself).
    /// </summary>
    private List<InterestingTerm>[] Matched(List<int> docs, IReadOnlyList<InterestingTerm> terms)
    {
        var matched = new List<InterestingTerm>[docs.Count];
        for (int i = 0; i < matched.Length; i++) matched[i] = new List<InterestingTerm>();
        var order = Enumerable.Range(0, docs.Count).OrderBy(i => docs[i]).ToArray();
        var leaves = _view.Reader.Leaves;
        foreach (var t in terms)
        {
            var term = new Term(t.Field, t.Term);
            foreach (var leaf in leaves)
            {
                int start = leaf.DocBase, end = leaf.DocBase + leaf.AtomicReader.MaxDoc;
                if (!order.Any(i => docs[i] >= start && docs[i] < end)) continue;
                var postings = leaf.AtomicReader.GetTermDocsEnum(term);
                if (postings is null) continue;
                int current = -1;
                foreach (int i in order)
                {
                    int local = docs[i] - start;
                    if (local < 0 || docs[i] >= end) continue;
                    if (current < local) current = postings.Advance(local);
                    if (current == Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS) break;
                    if (current == local) matched[i].Add(t);
                }
            }
        }
        return matched;
    }

    /// <summary>Lucene.Net's FreqQ: a queue whose top is the highest score (it pops best first).</summary>
    private sealed class ScoreQueue(int size) : Lucene.Net.Util.PriorityQueue<InterestingTerm>(size)
    {
        protected override bool LessThan(InterestingTerm a, InterestingTerm b) => a.Score > b.Score;
    }
}
