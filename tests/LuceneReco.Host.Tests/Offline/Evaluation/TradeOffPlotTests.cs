using System.Xml.Linq;
using LuceneReco.Host.Offline.Evaluation;

namespace LuceneReco.Host.Tests.Offline.Evaluation;

public sealed class TradeOffPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static SweepRow Row(string name, string? value, double ndcg, double ild) =>
        new(name, value, ndcg, 0.1, 0.5, new BeyondAccuracyScores(ild, ild / 2, 0.3, 0.8, double.NaN, 0.2,
            new Dictionary<string, double>(), 0.4, 0.05, new Dictionary<string, double>()));

    [Fact]
    public void Svg_SweptRunsJoinedInOrder_ReferencesApart_NotMeasuredSaidSo()
    {
        var rows = new[] { Row("popularity", null, 0.05, 0.9), Row("mmr.lambda=1", "1", 0.2, 0.3), Row("mmr.lambda=0.5", "0.5", 0.18, 0.5), Row("a<b&\"c\"", "0.1", 0.1, 0.7) };
        var document = XDocument.Parse(TradeOffPlot.Svg("mmr <lambda>", rows));
        Assert.Equal(Svg + "svg", document.Root!.Name);
        var polylines = document.Descendants(Svg + "polyline").ToList();
        Assert.Equal(SweepRow.Metrics.Count - 1, polylines.Count); // provider Gini is NaN everywhere: no line there
        Assert.Equal(3, polylines[0].Attribute("points")!.Value.Split(' ').Length);
        Assert.Equal(4 * (SweepRow.Metrics.Count - 1), document.Descendants(Svg + "circle").Count());
        var texts = document.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("mmr <lambda>", texts);
        Assert.Contains("not measured", texts);
        Assert.Contains("popularity", texts);
        Assert.Contains(document.Descendants(Svg + "title"), t => t.Value.StartsWith("a<b&\"c\": NDCG@10 0.1000", StringComparison.Ordinal));
    }

    [Fact]
    public void Svg_HigherMetric_IsDrawnHigher()
    {
        var document = XDocument.Parse(TradeOffPlot.Svg("t", [Row("x=1", "1", 0.2, 0.3), Row("x=2", "2", 0.1, 0.6)]));
        var first = document.Descendants(Svg + "polyline").First().Attribute("points")!.Value.Split(' ')
            .Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(first[1] < first[0], $"the more diverse run should be drawn higher (smaller y): {string.Join(", ", first)}");
    }
}
