using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Index.Search.Similarities;
using Mlt = LuceneReco.Index.Search.MoreLikeThis.MoreLikeThis;

namespace LuceneReco.Index.Tests.Search.MoreLikeThis;

public sealed class MoreLikeThisOptionsTests
{
    [Fact]
    public void Defaults_AreLucenes()
    {
        var o = new MoreLikeThisOptions();
        Assert.Null(o.Fields);
        Assert.Equal(2, o.MinTermFreq);
        Assert.Equal(5, o.MinDocFreq);
        Assert.Null(o.MaxDocFreq);
        Assert.Equal(25, o.MaxQueryTerms);
        Assert.Null(o.MinWordLength);
        Assert.Null(o.MaxWordLength);
        Assert.Null(o.StopWords);
        Assert.False(o.Boost);
        Assert.Equal(1f, o.BoostFactor);
        Assert.Equal(TermSelection.TfIdf, o.TermSelection);
        Assert.False(o.SqrtTf);
        Assert.IsType<ClassicSimilarity>(o.Similarity);
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Validate_EveryOptionWrong_ReportsEachOneAtOnce()
    {
        var o = new MoreLikeThisOptions
        {
            Fields = [], MinTermFreq = -1, MinDocFreq = -1, MaxDocFreq = 0, MaxQueryTerms = 0,
            MinWordLength = 0, MaxWordLength = 0, BoostFactor = 0,
        };
        var errors = o.Validate();
        Assert.Equal(8, errors.Count);
        foreach (var name in new[] { "Fields", "MinTermFreq", "MinDocFreq", "MaxDocFreq", "MaxQueryTerms", "MinWordLength", "MaxWordLength", "BoostFactor" })
            Assert.Single(errors, e => e.StartsWith(name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1025)]
    [InlineData(-5)]
    public void Validate_MaxQueryTermsOutOfRange_SaysTheRangeAndTheValue(int max)
    {
        var error = Assert.Single(new MoreLikeThisOptions { MaxQueryTerms = max }.Validate());
        Assert.Contains("1 to 1024", error, StringComparison.Ordinal);
        Assert.Contains(max.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(-1f)]
    public void Validate_BoostFactorNotAPositiveNumber_IsAnError(float factor)
    {
        Assert.Contains("BoostFactor", Assert.Single(new MoreLikeThisOptions { BoostFactor = factor }.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MinWordLengthAboveMax_IsAnError()
    {
        Assert.Contains("exceeds", Assert.Single(new MoreLikeThisOptions { MinWordLength = 5, MaxWordLength = 4 }.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroMeansOffForTheFrequencyFilters()
    {
        Assert.Empty(new MoreLikeThisOptions { MinTermFreq = 0, MinDocFreq = 0, MaxQueryTerms = 1024 }.Validate());
    }

    [Fact]
    public void Constructor_BadOptionsAndBadFields_ThrowsOneExceptionListingAll()
    {
        using var dir = new TempDir();
        var reader = MltIndex.Bodies(dir, "lion");
        var options = new MoreLikeThisOptions { Fields = ["body", "nosuch", "tags"], MinTermFreq = -1, MaxQueryTerms = 0 };
        var e = Assert.Throws<ArgumentException>(() => new Mlt(reader, options));
        Assert.Contains("MinTermFreq", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxQueryTerms", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown field 'nosuch'", e.Message, StringComparison.Ordinal);
        Assert.Contains("field 'tags' is not a text field", e.Message, StringComparison.Ordinal);
    }
}
