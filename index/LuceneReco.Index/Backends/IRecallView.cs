using System.Collections;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Index.Search.Similarities;
using LuceneReco.Index.Vectors;

namespace LuceneReco.Index.Backends;

/// <summary>
/// A point-in-time view of an <see cref="IRecallIndex"/>: every read and search sees the documents live when it was
/// acquired. Doc numbers belong to the view (they may change after a merge), item ids do not. Thread-safe; dispose it
/// to let the backend release what it holds. Queries are this assembly's <see cref="Query"/> records on every backend.
/// </summary>
public interface IRecallView : IDisposable
{
    /// <summary>The fields and how each is indexed.</summary>
    IndexSchema Schema { get; }

    /// <summary>One more than the largest doc number.</summary>
    int MaxDoc { get; }

    /// <summary>Live documents.</summary>
    int NumDocs { get; }

    /// <summary>
    /// A cheap number for keying what is remembered per view: two views of one index with the same version hold the same
    /// documents, provided each was acquired after a commit (as serving does). It is the native index's commit generation
    /// (its near-real-time readers between two commits share it) and Lucene.Net's reader version (which changes with every
    /// change a refresh brings, committed or not).
    /// </summary>
    long Version { get; }

    /// <summary>Size figures: segments, live and deleted documents, bytes of the commit's files, commit generation.</summary>
    IndexStats Stats { get; }

    /// <summary>The doc number of the live document with this id, or -1.</summary>
    int DocOf(string id);

    /// <summary>The id of doc <paramref name="doc"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">doc is not in 0..MaxDoc-1.</exception>
    string IdOf(int doc);

    /// <summary>Whether doc <paramref name="doc"/> is live in this view.</summary>
    bool IsLive(int doc);

    /// <summary>The stored fields of doc <paramref name="doc"/>: its id, stored text and keyword values, and numbers.</summary>
    Document Stored(int doc);

    /// <summary>The number in <paramref name="field"/> of <paramref name="doc"/>, or null when it has none.</summary>
    double? Number(int doc, string field);

    /// <summary>The terms the field's analyzer makes of <paramref name="text"/>, in order.</summary>
    /// <exception cref="ArgumentException">The field is unknown or not a text field.</exception>
    IReadOnlyList<string> Analyze(string field, string text);

    /// <summary>Documents (live or deleted, as Lucene counts) containing <paramref name="term"/> in <paramref name="field"/>.</summary>
    int DocFreq(string field, string term);

    /// <summary>Total occurrences of <paramref name="term"/> in <paramref name="field"/>.</summary>
    long TotalTermFreq(string field, string term);

    /// <summary>Documents that have at least one term in <paramref name="field"/>.</summary>
    int DocCount(string field);

    /// <summary>The sum of all field lengths of <paramref name="field"/>.</summary>
    long SumTotalTermFreq(string field);

    /// <summary>The term vector of <paramref name="field"/> in <paramref name="doc"/>, terms ascending (ordinal); empty when it has none.</summary>
    /// <exception cref="ArgumentException">The field is unknown or keeps no term vectors.</exception>
    IReadOnlyList<TermVectorEntry> TermVector(int doc, string field);

    /// <summary>How often <paramref name="term"/> (analysed) occurs in <paramref name="field"/> of <paramref name="doc"/>; 0 when not.</summary>
    int Freq(int doc, string field, string term);

    /// <summary>
    /// Parses user query text (words, <c>"phrases"</c>, <c>+required</c>, <c>-excluded</c>, <c>field:word</c>) with
    /// <paramref name="filters"/> (<c>field=value</c>, <c>field=min..max</c>), analysing words with this backend's analyzers;
    /// the syntax is <see cref="QueryParser"/>'s on every backend.
    /// </summary>
    /// <exception cref="ArgumentException">Empty query, nothing left after analysis, unknown field, or a malformed filter.</exception>
    Query Parse(string text, IReadOnlyList<string>? filters = null, IReadOnlyList<string>? fields = null);

    /// <summary>The best <paramref name="k"/> live hits of <paramref name="query"/> scored by <paramref name="similarity"/> (null: BM25), leaving out doc <paramref name="excludeDoc"/> (-1: none).
    /// <see cref="TopDocs.TotalHits"/> is exact on Lucene.Net and may be a lower bound where the native index skips documents that cannot reach the top k.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not in 1..<see cref="IndexSearcher.MaxK"/>.</exception>
    /// <exception cref="ArgumentException">The query names an unknown field or uses a field the wrong way.</exception>
    TopDocs Search(Query query, int k, Similarity? similarity = null, int excludeDoc = -1);

    /// <summary>Every live doc matching <paramref name="query"/>, as bits over this view's doc numbers.</summary>
    BitArray Matching(Query query);

    /// <summary>Why <paramref name="doc"/> scores what it does for <paramref name="query"/> (its value is the hit's score); null when it does not match.</summary>
    Explanation? Explain(Query query, int doc, Similarity? similarity = null);

    /// <summary>
    /// The space of the view's dense vectors, or null when it has none, or the backend keeps none (see
    /// <see cref="IRecallIndex.Unavailable"/>: report it there rather than leave semantic recall silently empty).
    /// </summary>
    VectorSpace? VectorSpace { get; }

    /// <summary>The unit-length dense vector of doc <paramref name="doc"/>, or an empty span when it has none.</summary>
    ReadOnlySpan<float> Vector(int doc);

    /// <summary>
    /// The <paramref name="k"/> live docs whose vectors are nearest <paramref name="query"/> (cosine), among those
    /// <paramref name="accept"/> lets through; <paramref name="options"/> (null: the defaults) chooses exact or graph search.
    /// </summary>
    /// <exception cref="BackendFeatureUnavailableException">The backend keeps no dense vectors.</exception>
    /// <exception cref="ArgumentException">The query comes from another space than the view's vectors, or is zero.</exception>
    TopDocs NearestVectors(VectorSpace space, ReadOnlySpan<float> query, int k, Func<int, bool>? accept = null, VectorSearchOptions? options = null);

    /// <summary>A MoreLikeThis query for documents like doc <paramref name="doc"/> (left out of its results).</summary>
    /// <exception cref="ArgumentException">Bad options or fields (every problem listed), or a deleted doc.</exception>
    MoreLikeThisQuery LikeDoc(int doc, MoreLikeThisOptions options);

    /// <summary>A MoreLikeThis query for documents like free text, analysed with each field's analyzer.</summary>
    MoreLikeThisQuery LikeText(string text, MoreLikeThisOptions options);

    /// <summary>
    /// A MoreLikeThis query for documents like several weighted docs (a user's profile): each source term's frequency
    /// counts <c>weight</c> times; the docs themselves are left out of the results.
    /// </summary>
    /// <exception cref="ArgumentException">No docs, a deleted doc, or a weight that is not a positive number.</exception>
    MoreLikeThisQuery LikeDocs(IReadOnlyList<(int Doc, float Weight)> docs, MoreLikeThisOptions options);

    /// <summary>
    /// The best <paramref name="k"/> hits of a MoreLikeThis query made by this view (scored by the options' similarity),
    /// narrowed by <paramref name="filter"/> when given (it does not change scores), without the source docs,
    /// each with the chosen terms it contains.
    /// </summary>
    IReadOnlyList<MoreLikeThisHit> MoreLikeThis(MoreLikeThisQuery query, int k, MoreLikeThisOptions options, Query? filter = null);
}
