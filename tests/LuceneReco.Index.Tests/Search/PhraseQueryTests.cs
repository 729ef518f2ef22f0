using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Tests.Search;

/// <summary>Exact phrases: terms at consecutive positions, positions as the english analyzer leaves them (gaps where it removed stop words).</summary>
public sealed class PhraseQueryTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly IndexReader _reader;

    private static readonly IndexSchema Schema = new([new FieldDefinition("body", FieldKind.Text), new FieldDefinition("tags", FieldKind.Keyword)]);

    public PhraseQueryTests()
    {
        string filler = string.Join(' ', Enumerable.Range(0, 400).Select(i => "filler" + (char)('a' + i % 26)));
        using var w = IndexWriter.Open(_dir.Path, new IndexWriterOptions { Schema = Schema, BackgroundMerges = false });
        w.Add(new Document("adjacent").Add("body", "a red apple on the table"));
        w.Add(new Document("reversed").Add("body", "an apple that is red"));
        w.Add(new Document("apart").Add("body", "red shiny apple"));
        w.Add(new Document("usa").Add("body", "the united states of america"));
        w.Add(new Document("twice").Add("body", "red apple and red apple"));
        w.Commit();
        w.Add(new Document("once").Add("body", "red apple and big pears"));
        w.Add(new Document("far").Add("body", filler + " red apple " + filler));
        w.Add(new Document("values").Add("body", "green and red").Add("body", "apple pie"));
        w.Add(new Document("dogs").Add("body", "dog dog dog"));
        w.Add(new Document("leading").Add("body", "shiny red").Add("body", "the apple"));
        _reader = w.GetReader();
    }

    public void Dispose() => _dir.Dispose();

    private static PhraseQuery Phrase(string text) => new("body", text.Split(' ').Select(SmallIndex.Term).ToList());

    private string[] Match(Query q, Similarity? sim = null) =>
        new IndexSearcher(_reader, sim).Search(q, 100).Hits.Select(h => _reader.IdOf(h.Doc)).Order().ToArray();

    [Fact]
    public void Phrase_TermsAdjacentInOrder_Match()
    {
        Assert.Equal(["adjacent", "far", "once", "twice", "values"], Match(Phrase("red apple")));
    }

    [Fact]
    public void Phrase_TermsReversedOrApart_DoNotMatch()
    {
        var hits = Match(Phrase("red apple"));
        Assert.DoesNotContain("reversed", hits);
        Assert.DoesNotContain("apart", hits);
        Assert.Contains("reversed", Match(new BooleanQuery([new(SmallIndex.Body("red"), Occur.Must), new(SmallIndex.Body("apple"), Occur.Must)])));
    }

    [Fact]
    public void Phrase_AcrossARemovedStopWord_DoesNotMatchAsConsecutive()
    {
        // "states of america": the stop word keeps its position, so state and america are two positions apart
        Assert.Empty(Match(Phrase("states america")));
        Assert.Equal(["usa"], Match(Phrase("united states")));
    }

    [Fact]
    public void Phrase_LeadingStopWordInTheText_IsNotPartOfThePositions()
    {
        // "a red apple": "a" is removed but red/apple stay adjacent
        Assert.Contains("adjacent", Match(Phrase("red apple")));
    }

    [Fact]
    public void Phrase_HundredsOfPositionsIntoTheField_Matches()
    {
        Assert.Contains("far", Match(Phrase("red apple")));
        Assert.Equal(["far"], Match(Phrase("fillerz fillera")));  // the wrap-around of the filler, positions 25-26, 51-52, ...
    }

    [Fact]
    public void Phrase_AcrossTwoValuesOfOneField_MatchesAsLuceneWithNoPositionGap()
    {
        // Lucene's default position increment gap between values is 0: "red" ends one value and "apple" starts the next
        Assert.Contains("values", Match(Phrase("red apple")));
    }

    [Fact]
    public void Phrase_TwoOccurrences_ScoreAboveOneInAFieldOfTheSameLength()
    {
        // "red apple and red apple" and "red apple and big pears" both have 4 terms after stop-word removal
        Assert.Equal(_reader.FieldLength(_reader.DocOf("twice"), "body"), _reader.FieldLength(_reader.DocOf("once"), "body"));
        var hits = new IndexSearcher(_reader, new ClassicSimilarity()).Search(Phrase("red apple"), 100).Hits;
        float twice = hits.Single(h => h.Doc == _reader.DocOf("twice")).Score;
        float once = hits.Single(h => h.Doc == _reader.DocOf("once")).Score;
        Assert.Equal(MathF.Sqrt(2) * once, twice, 1e-5f * twice); // classic tf is sqrt(phrase freq)
    }

    [Fact]
    public void Phrase_RepeatedTerm_CountsOverlappingOccurrences()
    {
        // "dog dog" occurs at positions 0-1 and 1-2 of "dog dog dog", as Lucene's exact phrase matcher counts
        var sim = new ClassicSimilarity();
        var e = new IndexSearcher(_reader, sim).Explain(Phrase("dog dog"), _reader.DocOf("dogs"));
        Assert.NotNull(e);
        Assert.Contains("freq=2", e.Description, StringComparison.Ordinal);
        Assert.Equal(["dogs"], Match(Phrase("dog dog dog")));
        Assert.Empty(Match(Phrase("dog dog dog dog")));
    }

    [Fact]
    public void Phrase_OfOneTerm_IsATermQuery()
    {
        var searcher = new IndexSearcher(_reader);
        var phrase = searcher.Search(new PhraseQuery("body", [SmallIndex.Term("apple")]) { Boost = 2 }, 100);
        var term = searcher.Search(SmallIndex.Body("apple") with { Boost = 2 }, 100);
        Assert.Equal(term.Hits, phrase.Hits);
    }

    [Fact]
    public void Phrase_WithATermNotInTheIndex_MatchesNothing()
    {
        Assert.Empty(Match(new PhraseQuery("body", [SmallIndex.Term("red"), "zzzz"])));
    }

    [Fact]
    public void Phrase_Score_UsesTheSumOfTheTermsIdf()
    {
        var sim = new ClassicSimilarity();
        var e = new IndexSearcher(_reader, sim).Explain(Phrase("united states"), _reader.DocOf("usa"));
        Assert.NotNull(e);
        var idf = e.Details.Single(d => d.Description.StartsWith("idf", StringComparison.Ordinal));
        Assert.Equal(2, idf.Details.Count);
        Assert.Equal((float)idf.Details.Sum(d => (double)d.Value), idf.Value);
    }

    [Fact]
    public void Phrase_SecondValueStartingWithAStopWord_KeepsTheStopWordsPosition()
    {
        // "shiny red" + "the apple": red at 1, "the" at 2 (removed), apple at 3, as in Lucene
        Assert.DoesNotContain("leading", Match(Phrase("red apple")));
    }

    [Fact]
    public void Phrase_ValueEndingInAStopWord_KeepsThatPositionBeforeTheNextValue()
    {
        using var dir = new TempDir();
        using var w = IndexWriter.Open(dir.Path, new IndexWriterOptions { Schema = Schema });
        w.Add(new Document("d").Add("body", "green and red the").Add("body", "apple pie"));
        var reader = w.GetReader();
        // Lucene 8: red at 2, end of stream +1 for "the" -> 3, apple at 3 + 0 (gap) + 1 = 4: not adjacent to red
        Assert.Empty(new IndexSearcher(reader).Search(Phrase("red apple"), 10).Hits);
    }
}
