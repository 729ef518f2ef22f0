using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Index;
using LuceneReco.Index.Documents;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>
/// The per-user cache: an entry serves only for the index generation and the history it was made from; least recently
/// used users go first past the capacity; and through a real runner, a repeated plain recommendation is answered from it
/// with the same list, until the user's next event, an item write, an erasure or a configuration without it.
/// </summary>
public sealed class UserCacheTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddDays(20000);
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Interaction[] History(params string[] items) =>
        items.Select((item, i) => new Interaction("u", item, "view", 1, Now.AddMinutes(-i))).ToArray();

    [Fact]
    public void For_SameGenerationAndHistory_ReturnsTheSameEntry_ElseANewOne()
    {
        var cache = new UserCache();
        var first = cache.For("u", 3, History("a", "b"));
        Assert.Same(first, cache.For("u", 3, History("a", "b")));
        Assert.NotSame(first, cache.For("u", 4, History("a", "b"))); // an item written: a new generation
        var afterGeneration = cache.For("u", 4, History("a", "b"));
        Assert.NotSame(afterGeneration, cache.For("u", 4, History("c", "a", "b"))); // a new event
        var reweighted = History("c", "a", "b");
        reweighted[1] = reweighted[1] with { Weight = 5 };
        var before = cache.For("u", 4, History("c", "a", "b"));
        Assert.NotSame(before, cache.For("u", 4, reweighted)); // same items, another weight
        Assert.Equal(1, cache.Count);
        Assert.Equal((3L, 4L), cache.Lookups);
    }

    [Fact]
    public void Capacity_DropsTheLeastRecentlyUsedUser_AndZeroTurnsItOff()
    {
        var cache = new UserCache { Capacity = 2 };
        var a = cache.For("a", 1, History("x"));
        cache.For("b", 1, History("x"));
        Assert.Same(a, cache.For("a", 1, History("x"))); // a is now the most recent
        cache.For("c", 1, History("x"));                  // so b goes
        Assert.Equal(2, cache.Count);
        Assert.Same(a, cache.For("a", 1, History("x")));
        var (hitsBefore, _) = cache.Lookups;
        cache.For("b", 1, History("x"));
        Assert.Equal(hitsBefore, cache.Lookups.Hits);

        cache.Capacity = 0;
        Assert.Equal(0, cache.Count);
        Assert.Null(cache.For("a", 1, History("x")));
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Capacity = -1);
    }

    [Fact]
    public void Forget_DropsTheUser()
    {
        var cache = new UserCache();
        var entry = cache.For("u", 1, History("x"));
        cache.Forget("u");
        cache.Forget("never-seen");
        Assert.Equal(0, cache.Count);
        Assert.NotSame(entry, cache.For("u", 1, History("x")));
    }

    [Fact]
    public async Task Runner_RepeatedRecommendation_ComesFromTheCache_UntilAnEventAnItemWriteOrAnErasure()
    {
        string dir = _files.PathOf("index");
        SampleIndex.Build(dir);
        var view = new SwitchableView(IndexReader.Open(dir));
        var store = new InMemoryInteractionStore();
        store.Add(new Interaction("u", "b001", "view", 1, Now));
        var config = ServingConfig.BuiltIn with { RecommendPipeline = null }; // "default": built-in sources only
        using var host = new ServingHost(view, store, new FakeCatalog(), ServingConfigSource.Fixed(config), TimeProvider.System,
            _files.PathOf("data"), _ => { });
        var runner = host.Runner;
        var request = new PipelineRequest { UserId = "u", K = 5, Explain = true };

        var cold = await runner.RunAsync(request);
        Assert.False(cold.FromCache);
        Assert.NotEmpty(cold.Items);
        Assert.Contains(cold.Sources, s => s.Stage == "profile" && s.Outcome == "ok");
        var warm = await runner.RunAsync(request);
        Assert.True(warm.FromCache);
        Assert.Equal(cold.Items.Select(c => (c.ItemId, c.Score)), warm.Items.Select(c => (c.ItemId, c.Score)));
        Assert.False((await runner.RunAsync(request with { K = 4 })).FromCache); // another k is another result
        Assert.False((await runner.RunAsync(request with { Filters = ["category=books"] })).FromCache); // filtered requests are not remembered

        store.Add(new Interaction("u", "f059", "view", 1, Now.AddMinutes(1))); // the user's new event
        var afterEvent = await runner.RunAsync(request);
        Assert.False(afterEvent.FromCache);
        Assert.DoesNotContain("f059", afterEvent.Items.Select(c => c.ItemId));
        Assert.True((await runner.RunAsync(request)).FromCache);

        using (var writer = IndexWriter.Open(dir, new IndexWriterOptions { Schema = view.Reader.Schema }))
        {
            Assert.True(writer.Delete(afterEvent.Items[0].ItemId)); // an item deleted: a new generation
            writer.Commit();
        }
        view.Reader = IndexReader.Open(dir);
        var afterDelete = await runner.RunAsync(request);
        Assert.False(afterDelete.FromCache);
        Assert.DoesNotContain(afterEvent.Items[0].ItemId, afterDelete.Items.Select(c => c.ItemId));

        Assert.True((await runner.RunAsync(request)).FromCache);
        Assert.Equal(1, runner.UserCache.Count);
        host.EraseUser("u");
        Assert.Equal(0, runner.UserCache.Count); // nothing of the erased user stays in memory
        var afterErasure = await runner.RunAsync(request);
        Assert.False(afterErasure.FromCache);
    }

    [Fact]
    public async Task Runner_AResultAPluginServed_IsRemembered_OnlyWhileThePluginsStateIsUnchanged_AndNeverWithoutIPluginState()
    {
        string dir = _files.PathOf("index");
        SampleIndex.Build(dir);
        var store = new InMemoryInteractionStore();
        store.Add(new Interaction("u", "b001", "view", 1, Now));
        var model = new VersionedPlugin("model");
        var plain = FakePlugin.Reverse();
        var (config, errors) = ServingConfigParser.Parse("""
            {"defaultPipeline": "p", "pipelines": {
              "p": {"recall": [{"source": "profile", "size": 20}], "stages": [{"ranker": "model", "budgetMs": 30000}]},
              "q": {"recall": [{"source": "profile", "size": 20}], "stages": [{"ranker": "reverse", "budgetMs": 30000}]}}}
            """);
        Assert.True(config is not null, string.Join("; ", errors));
        using var host = new ServingHost(new FixedIndexView(IndexReader.Open(dir)), store, new FakeCatalog().Add(model).Add(plain),
            ServingConfigSource.Fixed(config), TimeProvider.System, _files.PathOf("data"), _ => { });
        var request = new PipelineRequest { UserId = "u", K = 5, Pipeline = "p" };

        Assert.False((await host.Runner.RunAsync(request)).FromCache);
        Assert.True((await host.Runner.RunAsync(request)).FromCache);
        model.State++; // e.g. an alias moved to another model version
        Assert.False((await host.Runner.RunAsync(request)).FromCache);
        Assert.True((await host.Runner.RunAsync(request)).FromCache);

        var other = request with { Pipeline = "q" }; // served by a plugin that cannot say when its state changes
        Assert.False((await host.Runner.RunAsync(other)).FromCache);
        Assert.False((await host.Runner.RunAsync(other)).FromCache);
    }

    /// <summary>A plugin that passes the list through and reports a state version the test moves.</summary>
    private sealed class VersionedPlugin(string name) : IRankerPlugin, IPluginState
    {
        public long State;

        public string Name => name;

        public Version Version => new(1, 0);

        public string Description => "a plugin with a state version";

        public long StateVersion => Interlocked.Read(ref State);

        public IRankerStage CreateStage(System.Text.Json.JsonElement? options, IRankerServices services) => new PassThrough();

        private sealed class PassThrough : IRankerStage
        {
            public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation) => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Runner_CacheSizeZero_NeverAnswersFromTheCache()
    {
        string dir = _files.PathOf("index");
        SampleIndex.Build(dir);
        var store = new InMemoryInteractionStore();
        store.Add(new Interaction("u", "b001", "view", 1, Now));
        var config = ServingConfig.BuiltIn with { RecommendPipeline = null, UserCacheSize = 0 };
        using var host = new ServingHost(new FixedIndexView(IndexReader.Open(dir)), store, new FakeCatalog(), ServingConfigSource.Fixed(config),
            TimeProvider.System, _files.PathOf("data"), _ => { });
        var request = new PipelineRequest { UserId = "u", K = 5 };
        Assert.False((await host.Runner.RunAsync(request)).FromCache);
        Assert.False((await host.Runner.RunAsync(request)).FromCache);
        Assert.Equal(0, host.Runner.UserCache.Count);
    }

    [Fact]
    public void Parser_ReadsUserCacheSize_AndRefusesANegativeOne()
    {
        var (config, errors) = ServingConfigParser.Parse("""{"pipelines": {"p": {"recall": [{"source": "profile"}]}}, "defaultPipeline": "p", "userCacheSize": 50}""");
        Assert.Empty(errors);
        Assert.Equal(50, config!.UserCacheSize);
        var (_, bad) = ServingConfigParser.Parse("""{"pipelines": {"p": {"recall": [{"source": "profile"}]}}, "defaultPipeline": "p", "userCacheSize": -1}""");
        Assert.Contains(bad, e => e.StartsWith("userCacheSize must be 0 (off) to 10,000,000, got -1", StringComparison.Ordinal));
    }

    private sealed class SwitchableView(IndexReader reader) : IIndexView
    {
        public IndexReader Reader { get; set; } = reader;

        public LuceneReco.Index.Backends.IRecallView Acquire() => LuceneReco.Index.Backends.NativeRecallIndex.View(Reader);
    }
}
