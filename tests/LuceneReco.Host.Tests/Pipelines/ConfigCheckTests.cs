using LuceneReco.Host.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>
/// Stage options are checked when the configuration loads, against the loaded plugin: a bad option refuses the
/// configuration (the previous one keeps serving and the reason shows); a plugin that is not loaded is a warning.
/// </summary>
public sealed class ConfigCheckTests
{
    private static string Config(string options, string ranker = "favourite-category") =>
        """{"defaultPipeline":"default","pipelines":{"default":{"recall":[{"source":"search","size":10},{"source":"itemknn","size":10}],"stages":[{"ranker":"RANKER","budgetMs":50,"options":OPTIONS}]}}}"""
            .Replace("RANKER", ranker, StringComparison.Ordinal).Replace("OPTIONS", options, StringComparison.Ordinal);

    private static FakeCatalog Catalog() => new FakeCatalog().Add(new BoostPlugin());

    [Fact]
    public void GoodOptions_Pass_AndAMissingSourcePlugin_IsAWarning()
    {
        var (config, _) = ServingConfigParser.Parse(Config("""{"boost":0.5}"""));
        var (errors, warnings) = ConfigCheck.Run(config!, Catalog());
        Assert.Empty(errors);
        Assert.Equal(["pipelines.default.recall[1]: no plugin named 'itemknn' is loaded; requests skip the source until one is"], warnings);
    }

    [Fact]
    public void AnUnknownOption_IsAnError_NamingTheStepAndTheOption()
    {
        var (config, _) = ServingConfigParser.Parse(Config("""{"wrod":"Jedi"}"""));
        var (errors, _) = ConfigCheck.Run(config!, Catalog());
        var error = Assert.Single(errors);
        Assert.StartsWith("pipelines.default.stages[0] (favourite-category): Options of ranker 'favourite-category' are invalid: ", error);
        Assert.Contains("wrod", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueOutOfRange_IsAnError_FromThePluginsOwnCheck()
    {
        var (config, _) = ServingConfigParser.Parse(Config("""{"boost":-3}"""));
        Assert.Equal(["pipelines.default.stages[0] (favourite-category): boost must be 0 to 10, got -3"], ConfigCheck.Run(config!, Catalog()).Errors);
    }

    [Fact]
    public void AStageWhosePluginIsNotLoaded_IsAWarning()
    {
        var (config, _) = ServingConfigParser.Parse(Config("{}", ranker: "nosuch"));
        var (errors, warnings) = ConfigCheck.Run(config!, Catalog());
        Assert.Empty(errors);
        Assert.Contains("pipelines.default.stages[0] (nosuch): no plugin named 'nosuch' is loaded; requests skip the stage until one is", warnings);
    }

    [Fact]
    public async Task AWatchedFile_WithABadOption_IsRefused_AndThePreviousKeepsServing()
    {
        using var files = new TestFiles();
        var path = files.Write("pipelines.json", Config("""{"boost":0.5}"""));
        using var source = ServingConfigSource.Watch(path, _ => { });
        var catalog = Catalog();
        source.CheckWith(c => ConfigCheck.Run(c, catalog));
        Assert.Single(source.Warnings);

        File.WriteAllText(path, Config("""{"wrod":"Jedi"}"""));
        for (int i = 0; i < 100 && source.LastError is null; i++) await Task.Delay(50);
        Assert.Contains("wrod", source.LastError, StringComparison.Ordinal);
        Assert.Equal(1, source.Current.Version);
        Assert.Equal(0.5, source.Current.Config.Find(null)!.Stages[0].Options!.Value.GetProperty("boost").GetDouble());
    }

    [Fact]
    public void CheckWith_RefusesAConfigurationInForce_ThatHasErrors()
    {
        using var files = new TestFiles();
        var path = files.Write("pipelines.json", Config("""{"boost":99}"""));
        using var source = ServingConfigSource.Watch(path, _ => { });
        var catalog = Catalog();
        var e = Assert.Throws<ConfigException>(() => source.CheckWith(c => ConfigCheck.Run(c, catalog)));
        Assert.Equal("pipelines.json: pipelines.default.stages[0] (favourite-category): boost must be 0 to 10, got 99", e.Message);
    }

    /// <summary>A plugin with typed options and a range check of its own.</summary>
    [Theory]
    [InlineData("""{"wrod":1}""", "wrod")]
    [InlineData("""{"maxHistory":0}""", "maxHistory must be 1 or more, got 0")]
    public void ARecallSourcesBadOption_IsAnError_FromThePluginsSourceCheck(string options, string expected)
    {
        string json = Config("""{"boost":0.5}""").Replace("""{"source":"itemknn","size":10}""", $$"""{"source":"itemknn","size":10,"options":{{options}}}""", StringComparison.Ordinal);
        var (config, _) = ServingConfigParser.Parse(json);
        var (errors, warnings) = ConfigCheck.Run(config!, Catalog().Add(new SourcePlugin()));
        Assert.Empty(warnings);
        var error = Assert.Single(errors);
        Assert.StartsWith("pipelines.default.recall[1]: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    /// <summary>A source plugin named itemknn whose source options are checked as the built-in one's are.</summary>
    private sealed class SourcePlugin : IRankerPlugin, ICandidateSourcePlugin
    {
        public string Name => "itemknn";

        public Version Version => new(1, 0);

        public string Description => "test source with a maxHistory option";

        public IRankerStage CreateStage(System.Text.Json.JsonElement? options, IRankerServices services) => throw new NotSupportedException("only checked here");

        public ICandidateSource CreateSource(System.Text.Json.JsonElement? options, IRankerServices services) => throw new NotSupportedException("only checked here");

        public IReadOnlyList<string> CheckSourceOptions(System.Text.Json.JsonElement? options) =>
            OptionsBinder.Problems<SourceOptions>(options, Name,
                o => o.MaxHistory < 1 ? [FormattableString.Invariant($"maxHistory must be 1 or more, got {o.MaxHistory}")] : []);

        public sealed class SourceOptions
        {
            public int MaxHistory { get; set; } = 1000;
        }
    }

    private sealed class BoostPlugin : RankerPlugin<BoostPlugin.Options>
    {
        public override string Name => "favourite-category";

        public override string Description => "test plugin with a boost option";

        protected override IReadOnlyList<string> Check(Options options) =>
            options.Boost is < 0 or > 10 ? [FormattableString.Invariant($"boost must be 0 to 10, got {options.Boost}")] : [];

        protected override IRankerStage CreateStage(Options options, IRankerServices services) => throw new NotSupportedException("only checked here");

        public sealed class Options
        {
            public double Boost { get; set; } = 0.5;
        }
    }
}
