using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>The runner times each recall source that runs, in pipeline order, saying how it ended; a source that does not run for the request's kind is not listed.</summary>
public sealed class SourceTimingTests(SampleIndexFixture index) : IClassFixture<SampleIndexFixture>, IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Recommend_TimesEachSourceInOrder_AndAMissingPluginSourceAsSkipped()
    {
        var store = new InMemoryInteractionStore();
        store.Add(new Interaction("u", "b001", "view", 1, DateTimeOffset.UnixEpoch.AddDays(20000)));
        using var host = new ServingHost(new FixedIndexView(index.Reader), store, new FakeCatalog(), ServingConfigSource.Fixed(ServingConfig.BuiltIn),
            TimeProvider.System, _files.PathOf("data"), _ => { });

        var result = await host.Runner.RunAsync(new PipelineRequest { UserId = "u", K = 5 }); // "recommend": als, itemknn, profile, semantic-profile
        Assert.Equal([("als", "skipped"), ("itemknn", "skipped"), ("profile", "ok"), ("semantic-profile", "ok")],
            result.Sources.Select(s => (s.Stage, s.Outcome)));
        Assert.All(result.Sources, s => Assert.True(s.Milliseconds >= 0 && s.Milliseconds <= result.Took.TotalMilliseconds, $"{s.Stage}: {s.Milliseconds} ms"));

        var search = await host.Runner.RunAsync(new PipelineRequest { Kind = RequestKind.Search, QueryText = "orbit", K = 5, Pipeline = "default" });
        Assert.Equal(["search", "profile", "similar"], search.Sources.Select(s => s.Stage)); // itemknn runs only for "similar items"
    }
}
