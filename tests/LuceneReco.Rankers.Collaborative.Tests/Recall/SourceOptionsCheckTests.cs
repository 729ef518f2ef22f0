using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Popularity;
using LuceneReco.Rankers.Collaborative.Ranking;

namespace LuceneReco.Rankers.Collaborative.Tests.Recall;

/// <summary>Every source the plugin offers checks a recall step's options without creating the source, so the host can refuse a bad configuration at load.</summary>
public sealed class SourceOptionsCheckTests
{
    public static TheoryData<string> Sources => ["als", "ease", "itemknn", "userknn", "popular"];

    private static ICandidateSourcePlugin Plugin(string name) => name switch
    {
        "als" => new AlsRanker(),
        "ease" => new EaseRanker(),
        "itemknn" => new ItemKnnRanker(),
        "userknn" => new UserKnnRanker(),
        _ => new PopularityRanker(),
    };

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Theory]
    [MemberData(nameof(Sources))]
    public void UnknownOption_IsAProblem_AndNoOptionsAreFine(string source)
    {
        var plugin = Plugin(source);
        Assert.Empty(plugin.CheckSourceOptions(null));
        Assert.Empty(plugin.CheckSourceOptions(Json("""{"modelDirectory":"models"}""")));
        Assert.Contains("wrod", Assert.Single(plugin.CheckSourceOptions(Json("""{"wrod":1}"""))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("als")]
    [InlineData("itemknn")]
    public void ValueOutOfRange_IsAProblem(string source) =>
        Assert.Equal(["maxHistory must be 1 to 100000, got 0"], Plugin(source).CheckSourceOptions(Json("""{"maxHistory":0}""")));

    [Fact]
    public void Popular_EmptyModelDirectory_IsAProblem() =>
        Assert.Equal(["modelDirectory must name a folder"], Plugin("popular").CheckSourceOptions(Json("""{"modelDirectory":" "}""")));
}
