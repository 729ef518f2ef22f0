using LuceneReco.Index.Analysis;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Search.MoreLikeThis;

/// <summary>
/// Finds documents like a document, a text, or several weighted documents (a user's profile), after
/// Lucene's MoreLikeThis: collect each field's term frequencies (from term vectors, re-analysing
/// stored text where a field has none), score every candidate term (tf x idf by default), keep the best
/// <see cref="MoreLikeThisOptions.MaxQueryTerms"/>, and search for them as a disjunction.
/// Candidates are visited in the order Lucene's HashMaps visit them, so ties resolve as in Lucene.
/// </summary>
public sealed class MoreLikeThis
{
    private readonly IndexReader _reader;
    private readonly MoreLikeThisOptions _options;
    private readonly string[] _fields;
    private readonly ClassicSimilarity _classic = new();

    /// <summary>Creates a MoreLikeThis over <paramref name="reader"/>; throws <see cref="ArgumentException"/> listing every bad option or field.</summary>
    public MoreLikeThis(IndexReader reader, MoreLikeThisOptions? options = null)
    {
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _options = options ?? new MoreLikeThisOptions();
        var errors = _options.Validate();
        _fields = (_options.Fields ?? reader.Schema.Fields.Where(f => f.Kind == FieldKind.Text && f.TermVectors).Select(f => f.Name)).ToArray();
        foreach (var f in _fields)
        {
            var def = reader.Schema.Find(f);
            if (def is null) errors.Add($"unknown field '{f}' (fields: {string.Join(", ", reader.Schema.Fields.Select(x => x.Name))})");
            else if (def.Kind != FieldKind.Text) errors.Add($"field '{f}' is not a text field");
        }
        if (_fields.Length == 0) errors.Add("the index has no text field with term vectors; name fields explicitly");
        if (errors.Count > 0) throw new ArgumentException("Invalid MoreLikeThis options: " + string.Join("; ", errors));
    }

    /// <summary>The fields used.</summary>
    public IReadOnlyList<string> Fields => _fields;

    /// <summary>A query for documents like doc <paramref name="doc"/> (left out of results).</summary>
    public MoreLikeThisQuery LikeDoc(int doc) => LikeDocs([(doc, 1f)]);

    /// <summary>A query for documents like the weighted docs (a profile); the docs themselves are left out.</summary>
    /// <exception cref="ArgumentException">No docs, a deleted doc, or a weight that is not positive.</exception>
    public MoreLikeThisQuery LikeDocs(IReadOnlyList<(int Doc, float Weight)> docs)
    {
        if (docs.Count == 0) throw new ArgumentException("At least one source document is needed.", nameof(docs));
        var perField = NewPerField();
        var sources = new HashSet<int>();
        foreach (var (doc, weight) in docs)
        {
            if (!(weight > 0) || !float.IsFinite(weight)) throw new ArgumentException($"Weight of doc {doc} must be a positive number, got {weight}.", nameof(docs));
            if (doc < 0 || doc >= _reader.MaxDoc || !_reader.IsLive(doc)) throw new ArgumentException($"Doc {doc} is not a live document.", nameof(docs));
            sources.Add(doc);
            for (int i = 0; i < _fields.Length; i++)
            {
                var def = _reader.Schema.Find(_fields[i])!;
                if (def.TermVectors)
                {
                    foreach (var (term, freq) in _reader.TermVector(doc, _fields[i]))
                        if (!IsNoise(term)) perField[i].Add(term, freq * weight);
                }
                else if (def.Stored)
                {
                    var analyzer = Analyzers.ByName(def.Analyzer);
                    foreach (var (f, value) in _reader.Stored(doc).Strings)
                        if (f == _fields[i]) AddText(perField[i], analyzer, value, weight);
                }
            }
        }
        return Build(perField, sources);
    }

    /// <summary>A query for documents like free text, analysed with each field's analyzer.</summary>
    /// <exception cref="ArgumentException">The text is empty or blank.</exception>
    public MoreLikeThisQuery LikeText(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("The text to find similar items for is empty.", nameof(text));
        var perField = NewPerField();
        for (int i = 0; i < _fields.Length; i++)
            AddText(perField[i], Analyzers.ByName(_reader.Schema.Find(_fields[i])!.Analyzer), text, 1f);
        return Build(perField, new HashSet<int>());
    }

    /// <summary>Runs <paramref name="query"/> and returns the top <paramref name="k"/> hits with the chosen terms each contains.</summary>
    public IReadOnlyList<MoreLikeThisHit> Search(MoreLikeThisQuery query, int k)
    {
        if (query.Terms.Count == 0) return [];
        var searcher = new IndexSearcher(_reader, _options.Similarity);
        // ask for enough hits to drop the sources and still have k
        var top = searcher.Search(query.Query, Math.Min(k + query.SourceDocs.Count, IndexSearcher.MaxK));
        var hits = new List<MoreLikeThisHit>(k);
        foreach (var hit in top.Hits)
        {
            if (query.SourceDocs.Contains(hit.Doc)) continue;
            if (hits.Count == k) break;
            hits.Add(new MoreLikeThisHit(hit.Doc, _reader.IdOf(hit.Doc), hit.Score, Matched(hit.Doc, query.Terms)));
        }
        return hits;
    }

    private List<InterestingTerm> Matched(int doc, IReadOnlyList<InterestingTerm> terms)
    {
        var result = new List<InterestingTerm>();
        foreach (var t in terms)
            if (_reader.Freq(doc, t.Field, t.Term) > 0) result.Add(t);
        return result;
    }

    private FieldTerms[] NewPerField() => _fields.Select(_ => new FieldTerms()).ToArray();

    private void AddText(FieldTerms into, Analyzer analyzer, string text, float weight)
    {
        foreach (var term in analyzer.Terms(text))
            if (!IsNoise(term)) into.Add(term, weight);
    }

    private bool IsNoise(string term) =>
        (_options.MinWordLength is int min && term.Length < min)
        || (_options.MaxWordLength is int max && term.Length > max)
        || (_options.StopWords?.Contains(term) ?? false);

    private MoreLikeThisQuery Build(FieldTerms[] perField, HashSet<int> sources)
    {
        int total = perField.Sum(f => f.Terms.Count);
        int limit = Math.Min(_options.MaxQueryTerms, total);
        var queue = new ScoreTermQueue(limit);
        // Lucene keeps fields in a HashMap too, filled with computeIfAbsent: visit them in its order
        var fieldsPresent = Enumerable.Range(0, _fields.Length).Where(i => perField[i].Terms.Count > 0).ToList();
        foreach (int fi in JavaHashOrder.Order(fieldsPresent.Select(i => _fields[i]).ToList(), headInsertion: true).Select(i => fieldsPresent[i]))
        {
            string field = _fields[fi];
            var terms = perField[fi];
            long docCount = _reader.DocCount(field);
            if (docCount <= 0) docCount = _reader.MaxDoc;
            foreach (int wi in JavaHashOrder.Order(terms.Terms))
            {
                string word = terms.Terms[wi];
                float tf = terms.Freqs[wi];
                if (_options.MinTermFreq > 0 && tf < _options.MinTermFreq) continue;
                int docFreq = _reader.DocFreq(field, word);
                if (_options.MinDocFreq > 0 && docFreq < _options.MinDocFreq) continue;
                if (_options.MaxDocFreq is int maxDf && docFreq > maxDf) continue;
                if (docFreq == 0) continue;
                var (score, idf) = ScoreTerm(field, tf, docFreq, docCount, terms);
                var candidate = new InterestingTerm(field, word, score, idf, docFreq, tf);
                if (queue.Count < limit) queue.Add(candidate);
                else if (queue.Top!.Score < score) queue.ReplaceTop(candidate);
            }
        }

        var chosen = new List<InterestingTerm>(queue.Count);
        while (queue.Pop() is { } t) chosen.Add(t); // lowest first, the order Lucene adds clauses
        float best = chosen.Count > 0 ? chosen[^1].Score : 1f;
        var clauses = chosen.Select(t => new BooleanClause(
            new TermQuery(t.Field, t.Term) { Boost = _options.Boost ? _options.BoostFactor * t.Score / best : 1f }, Occur.Should)).ToList();
        chosen.Reverse();
        Query query = clauses.Count > 0 ? new BooleanQuery(clauses) : new BooleanQuery([new BooleanClause(new MatchAllQuery(), Occur.MustNot)]);
        return new MoreLikeThisQuery(query, chosen, sources);
    }

    private (float Score, float Idf) ScoreTerm(string field, float tf, int docFreq, long docCount, FieldTerms source)
    {
        float t = _options.SqrtTf ? MathF.Sqrt(tf) : tf;
        if (_options.TermSelection == TermSelection.TfIdf)
        {
            float idf = _classic.Idf(docFreq, docCount);
            return (t * idf, idf);
        }
        var bm25 = _options.Similarity as Bm25Similarity ?? new Bm25Similarity();
        float bidf = bm25.Idf(docFreq, docCount);
        double avg = _reader.SumTotalTermFreq(field) / (double)Math.Max(1, _reader.DocCount(field));
        double len = source.TotalFreq;
        double norm = bm25.K1 * (1 - bm25.B + bm25.B * len / Math.Max(avg, 1e-9));
        return ((float)(bidf * t * (bm25.K1 + 1) / (t + norm)), bidf);
    }

    /// <summary>One field's candidate terms in insertion order with their (weighted) frequencies.</summary>
    private sealed class FieldTerms
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        public List<string> Terms { get; } = new();
        public List<float> Freqs { get; } = new();
        public float TotalFreq { get; private set; }

        public void Add(string term, float freq)
        {
            TotalFreq += freq;
            if (_index.TryGetValue(term, out int i)) { Freqs[i] += freq; return; }
            _index[term] = Terms.Count;
            Terms.Add(term);
            Freqs.Add(freq);
        }
    }
}
