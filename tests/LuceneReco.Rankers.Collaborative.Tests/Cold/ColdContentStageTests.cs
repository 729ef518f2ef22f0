using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Cold;

namespace LuceneReco.Rankers.Collaborative.Tests.Cold;

/// <summary>
/// Four known candidates (als.score present) with final scores 0.9, 0.7, 0.5, 0.3 and content (profile) scores 8, 6, 4, 2;
/// one cold candidate with content score 7, above 1 of the 4 known content scores, so q = 1/4 and its calibrated score is
/// the known final score at position floor(1/4 * 4) = 1: 0.7.
/// </summary>
public sealed class ColdContentStageTests
{
    private static List<Candidate> Candidates()
    {
        var list = new List<Candidate>();
        double[] finals = [0.9, 0.7, 0.5, 0.3], contents = [8, 6, 4, 2];
        for (int i = 0; i < 4; i++)
        {
            var c = new Candidate("w" + i, finals[i]);
            c.Features["als.score"] = 1;
            c.StageScores["profile"] = contents[i];
            list.Add(c);
        }
        var cold = new Candidate("cold", 0.01);
        cold.StageScores["profile"] = 7;
        list.Add(cold);
        var nothing = new Candidate("no-content", 0.2); // neither known nor from the content source: left alone
        list.Add(nothing);
        return list;
    }

    private static async Task<List<Candidate>> Run(double weight)
    {
        var plugin = new ColdContentRanker();
        var options = System.Text.Json.JsonDocument.Parse($"{{\"weight\": {weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}").RootElement;
        var stage = plugin.CreateStage(options, null!);
        var candidates = Candidates();
        await stage.RerankAsync(new RankingRequest("u", null, [], 10, new Dictionary<string, string>()), candidates, CancellationToken.None);
        return candidates;
    }

    [Fact]
    public async Task Rerank_ColdItem_GetsTheKnownScoreAtItsContentQuantile_TimesTheWeight()
    {
        var ranked = await Run(1);

        var cold = ranked.Single(c => c.ItemId == "cold");
        Assert.Equal(0.7, cold.Features["coldcontent.calibrated"], 9);
        Assert.Equal(0.7, cold.Score, 9);
        Assert.Equal(["w0", "w1", "cold", "w2", "w3", "no-content"], ranked.Select(c => c.ItemId)); // stable: w1 keeps its place ahead
        Assert.Equal(0.2, ranked.Single(c => c.ItemId == "no-content").Score, 9);
        var line = Assert.Single(cold.Explanations);
        Assert.DoesNotMatch("[0-9]", line);
    }

    [Fact]
    public async Task Rerank_HalfWeight_HalvesTheCalibratedScore_AndKnownItemsKeepTheirs()
    {
        var ranked = await Run(0.5);

        Assert.Equal(0.35, ranked.Single(c => c.ItemId == "cold").Score, 9);
        Assert.Equal([0.9, 0.7, 0.5, 0.3], ranked.Where(c => c.ItemId.StartsWith('w')).Select(c => c.Score));
    }

    [Fact]
    public void CreateStage_BadOptions_AreReportedTogether()
    {
        var options = System.Text.Json.JsonDocument.Parse("""{"weight": -1, "knownBy": " , "}""").RootElement;

        var e = Assert.Throws<ArgumentException>(() => new ColdContentRanker().CreateStage(options, null!));

        Assert.Contains("weight", e.Message);
        Assert.Contains("knownBy", e.Message);
    }
}
