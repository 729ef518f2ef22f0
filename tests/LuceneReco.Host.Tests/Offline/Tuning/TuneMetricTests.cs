using LuceneReco.Host.Offline.Tuning;

namespace LuceneReco.Host.Tests.Offline.Tuning;

public sealed class TuneMetricTests
{
    [Fact]
    public void Parse_AMean_ScoresTheMeanOfItsParts_AndListsAsDeepAsItsLongestCutOff()
    {
        var mean = TuneMetric.Parse("NDCG@10+recall@20")!;
        var ndcg = TuneMetric.Parse("ndcg@10")!;
        var recall = TuneMetric.Parse("recall@20")!;
        var list = new[] { "a", "x", "b", "y" }.Concat(Enumerable.Range(0, 20).Select(i => $"z{i}")).ToList();
        var relevant = new HashSet<string> { "a", "b", "c" };

        Assert.Equal("ndcg@10+recall@20", mean.Name);
        Assert.Equal(TuneMetric.Default, mean);
        Assert.Equal(20, mean.Depth);
        Assert.Equal((ndcg.Of(list, relevant) + recall.Of(list, relevant)) / 2, mean.Of(list, relevant), 12);
        Assert.Equal(2.0 / 3, recall.Of(list, relevant), 12);
        Assert.Equal(0, TuneMetric.Parse("mrr@5+ndcg@10+recall@50")!.Of(["q"], relevant)); // nothing relevant in the list
    }

    [Theory]
    [InlineData("ndcg@10+")]
    [InlineData("ndcg@10+map@5")]
    [InlineData("ndcg@1+ndcg@2+ndcg@3+ndcg@4")]
    [InlineData("ndcg")]
    public void Parse_NotAMetric_IsNull(string text) => Assert.Null(TuneMetric.Parse(text));
}
