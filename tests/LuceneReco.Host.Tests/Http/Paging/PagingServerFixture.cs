using System.Text;
using LuceneReco.Host.Http;
using LuceneReco.Host.Http.Paging;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Pipelines;
using LuceneReco.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace LuceneReco.Host.Tests.Http.Paging;

/// <summary>
/// A real Kestrel server on 127.0.0.1 over the sample index, on a clock the tests move, with two recommend pipelines of
/// 150 newest items: <c>shuffle</c>, whose stage orders the list differently on every call (as a stateful stage such as
/// exposure does) and records each order it served, and <c>plain</c>, with no stage.
/// </summary>
public sealed class PagingServerFixture : IAsyncLifetime
{
    private readonly TestFiles _files = new();
    private readonly StringWriter _log = new();
    private WebApplication? _app;
    private ServingHost? _host;

    /// <summary>The server's clock (it starts at 2000-01-01 and moves only when a test says).</summary>
    public FakeTimeProvider Clock { get; } = new();

    /// <summary>Every order the shuffle stage returned, oldest first.</summary>
    public List<string[]> ShuffledOrders { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    internal static readonly PagingLimits Limits = new() { Depth = 120, TimeToLive = TimeSpan.FromMinutes(10), Capacity = 50 };

    public async Task InitializeAsync()
    {
        var index = _files.PathOf("index");
        SampleIndex.Build(index);
        var catalog = new FakeCatalog().Add(Shuffle());
        var newest = new RecallStep { Source = "newest", Size = 150 };
        var config = ServingConfig.BuiltIn with
        {
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["default"] = ServingConfig.BuiltIn.Pipelines["default"],
                ["shuffle"] = new PipelineDefinition { Recall = [newest], Stages = [new StageStep { Ranker = "shuffle", BudgetMs = 5000 }] },
                ["plain"] = new PipelineDefinition { Recall = [newest] },
            },
        };
        _host = new ServingHost(IndexService.Open(index), new InMemoryInteractionStore(), catalog,
            ServingConfigSource.Fixed(config), Clock, _files.PathOf("data"), line => { lock (_log) _log.WriteLine(line); });
        _app = ServeApp.Build(_host, "http://127.0.0.1:0", TextWriter.Synchronized(_log), Limits);
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(Assert.Single(ServeApp.Addresses(_app))), Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        _host?.Dispose();
        _files.Dispose();
    }

    /// <summary>POSTs <paramref name="json"/> to <paramref name="path"/>.</summary>
    public Task<HttpResponseMessage> Post(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Rotates the list by 7 more places on every call and scores it by the new order.</summary>
    private FakePlugin Shuffle()
    {
        int calls = 0;
        return new FakePlugin("shuffle", (_, candidates, _) =>
        {
            int shift = 7 * Interlocked.Increment(ref calls) % candidates.Count;
            var rotated = candidates.Skip(shift).Concat(candidates.Take(shift)).ToList();
            candidates.Clear();
            candidates.AddRange(rotated);
            for (int i = 0; i < candidates.Count; i++) candidates[i].Score = candidates.Count - i;
            lock (ShuffledOrders) ShuffledOrders.Add(candidates.Select(c => c.ItemId).ToArray());
            return ValueTask.CompletedTask;
        });
    }
}
