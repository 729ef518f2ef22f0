using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;

namespace LuceneReco.Index.Tests.Search;

/// <summary>The query syntax: words in every text field, <c>field:word</c>, and clear errors for a field the index lacks.</summary>
public sealed class QueryParserTests
{
    private static readonly IndexSchema Schema = new([
        new FieldDefinition("title", FieldKind.Text),
        new FieldDefinition("body", FieldKind.Text),
        new FieldDefinition("genre", FieldKind.Keyword),
    ]);

    private static List<(string Field, string Term)> Terms(Query q) => q switch
    {
        TermQuery t => [(t.Field, t.Term)],
        BooleanQuery b => b.Clauses.SelectMany(c => Terms(c.Query)).ToList(),
        _ => [],
    };

    [Fact]
    public void FieldPrefix_SearchesThatFieldOnly_WithItsAnalyzer()
    {
        Assert.Equal([("title", "stori")], Terms(new QueryParser(Schema).Parse("title:Stories")));
    }

    [Fact]
    public void Words_AreSearchedInEveryTextField()
    {
        Assert.Equal([("title", "space"), ("body", "space")], Terms(new QueryParser(Schema).Parse("space")));
    }

    [Theory]
    [InlineData("nosuch:word", "'nosuch' in 'nosuch:word' is not a field of the index (text fields: title, body); to search the words, leave out the ':'.")]
    [InlineData("space nosuch:\"two words\"", "'nosuch' in 'nosuch:two words' is not a field of the index (text fields: title, body); to search the words, leave out the ':'.")]
    public void UnknownFieldPrefix_IsAnErrorNamingTheFieldAndTheFields(string query, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new QueryParser(Schema).Parse(query));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void KeywordFieldPrefix_SaysToUseAFilter()
    {
        var e = Assert.Throws<ArgumentException>(() => new QueryParser(Schema).Parse("genre:horror"));
        Assert.Contains("--filter genre=value", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://example.org")] // not a field: the word after the colon does not start with a letter or digit
    [InlineData("12:30")] // a time, not a field name
    [InlineData("ratio 3:2")]
    public void ColonsThatAreNotFieldQueries_AreWords(string query)
    {
        Assert.NotEmpty(Terms(new QueryParser(Schema).Parse(query)));
    }
}
