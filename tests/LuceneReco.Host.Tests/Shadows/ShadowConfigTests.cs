using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Tests.Shadows;

/// <summary>The <c>shadow</c> pipeline setting and the top-level <c>shadowQueue</c>: read, and every problem named.</summary>
public sealed class ShadowConfigTests
{
    private const string Recall = """{"recall": [{"source": "search"}]}""";

    [Fact]
    public void ShadowAndShadowQueue_AreRead()
    {
        var (config, errors) = ServingConfigParser.Parse($$$"""{"shadowQueue": 8, "pipelines": {"default": {"recall": [{"source": "search"}], "shadow": ["next"]}, "next": {{{Recall}}}}}""");

        Assert.Empty(errors);
        Assert.Equal(8, config!.ShadowQueue);
        Assert.Equal(["next"], config.Pipelines["default"].Shadow);
        Assert.Empty(config.Pipelines["next"].Shadow);
    }

    [Fact]
    public void BadShadows_AreAllReported_WithWhereTheyAre()
    {
        var (config, errors) = ServingConfigParser.Parse($$$"""
            {"shadowQueue": 0, "pipelines": {"default": {"recall": [{"source": "search"}], "shadow": ["default", "nope", "next", "next", 3]}, "next": {{{Recall}}}}}
            """);

        Assert.Null(config);
        Assert.Contains("shadowQueue must be 1 to 100,000, got 0", errors);
        Assert.Contains("pipelines.default.shadow: 3 is not a string", errors);
        Assert.Contains("pipelines.default.shadow[0]: a pipeline cannot shadow itself", errors);
        Assert.Contains(errors, e => e.StartsWith("pipelines.default.shadow[1]: pipeline 'nope' is not defined (pipelines: default, next)", StringComparison.Ordinal));
        Assert.Contains("pipelines.default.shadow[3]: 'next' is listed twice", errors);
    }
}
