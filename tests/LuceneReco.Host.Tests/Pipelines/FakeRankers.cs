using LuceneReco.Host.Offline;
using LuceneReco.Host.Pipelines;
using System.Text.Json;
using LuceneReco.Host.Plugins;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>An in-memory catalogue of in-test rankers, with the faults reported to it.</summary>
internal sealed class FakeCatalog : IRankerCatalog
{
    private readonly Dictionary<string, RankerHandle> _handles = new(StringComparer.Ordinal);

    public List<(string Name, string Reason)> Faults { get; } = new();

    public HashSet<string> Quarantined { get; } = new(StringComparer.Ordinal);

    public int Reloads { get; private set; }

    public FakeCatalog Add(IRankerPlugin plugin, long generation = 1)
    {
        _handles[plugin.Name] = new RankerHandle(plugin.Name, plugin.Version, plugin, generation, Path.Combine(Path.GetTempPath(), "lucenereco-fake-plugin-data", plugin.Name));
        return this;
    }

    public RankerHandle? Find(string name) => Quarantined.Contains(name) ? null : _handles.GetValueOrDefault(name);

    public IReadOnlyList<PluginStatus> List()
    {
        var list = new List<PluginStatus>();
        foreach (var h in _handles.Values)
        {
            int faults = Faults.Count(f => f.Name == h.Name);
            list.Add(new PluginStatus(h.Name, h.Version, Quarantined.Contains(h.Name) ? "quarantined" : "loaded",
                Quarantined.Contains(h.Name) ? "too many faults" : null, "/plugins/" + h.Name, null, null, faults));
        }
        return list;
    }

    public void ReportFault(string name, string reason)
    {
        lock (Faults) Faults.Add((name, reason));
    }

    public void Reload() => Reloads++;
}

/// <summary>A plugin whose stage is a delegate; counts how many stages it made.</summary>
internal sealed class FakePlugin(string name, Func<RankingRequest, List<Candidate>, CancellationToken, ValueTask> rerank) : IRankerPlugin
{
    public string Name => name;

    public Version Version => new(1, 0);

    public string Description => "test ranker " + name;

    public int StagesCreated;

    public List<JsonElement?> OptionsSeen { get; } = new();

    public IRankerStage CreateStage(JsonElement? options, IRankerServices services)
    {
        Interlocked.Increment(ref StagesCreated);
        OptionsSeen.Add(options);
        return new Stage(rerank);
    }

    private sealed class Stage(Func<RankingRequest, List<Candidate>, CancellationToken, ValueTask> rerank) : IRankerStage
    {
        public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation) =>
            rerank(request, candidates, cancellation);
    }

    /// <summary>Sets each score to its position from the end (the last becomes the best) and reverses the list.</summary>
    public static FakePlugin Reverse() => new("reverse", (_, candidates, _) =>
    {
        candidates.Reverse();
        for (int i = 0; i < candidates.Count; i++) candidates[i].Score = candidates.Count - i;
        foreach (var c in candidates) c.Explain("reverse", "turned around");
        return ValueTask.CompletedTask;
    });

    /// <summary>Multiplies every score by 100 without reordering, and records a feature.</summary>
    public static FakePlugin Rescore() => new("rescore", (_, candidates, _) =>
    {
        foreach (var c in candidates)
        {
            c.Score *= 100;
            c.Features["rescore.factor"] = 100;
        }
        return ValueTask.CompletedTask;
    });

    /// <summary>Mangles the list it was given, then throws.</summary>
    public static FakePlugin Throws() => new("throws", (_, candidates, _) =>
    {
        candidates.Clear();
        throw new InvalidOperationException("model file is missing");
    });

    /// <summary>Blocks its thread for <paramref name="delay"/> before returning, ignoring the token.</summary>
    public static FakePlugin Hangs(TimeSpan delay) => new("hangs", (_, candidates, _) =>
    {
        Thread.Sleep(delay);
        candidates.Reverse();
        return ValueTask.CompletedTask;
    });
}

/// <summary>A plugin whose stage takes the request option "slider.lambda" within 0.3 to 1 and writes it into every score.</summary>
internal sealed class SliderPlugin : IRankerPlugin
{
    public string Name => "slider";

    public Version Version => new(1, 0);

    public string Description => "test ranker with a request override";

    public int Reranks;

    public IRankerStage CreateStage(JsonElement? options, IRankerServices services) => new Stage(this);

    private sealed class Stage(SliderPlugin plugin) : IRequestValidatingStage
    {
        public IReadOnlyList<string> ValidateRequest(RankingRequest request)
        {
            if (!request.Options.TryGetValue("slider.lambda", out var text)) return [];
            return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is >= 0.3 and <= 1
                ? []
                : [$"slider.lambda must be between 0.3 and 1, got '{text}'"];
        }

        public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
        {
            Interlocked.Increment(ref plugin.Reranks);
            return ValueTask.CompletedTask;
        }
    }
}
