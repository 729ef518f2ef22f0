using System.Text;

namespace LuceneReco.LoadTest;

/// <summary>
/// The plugin pipeline under hot reload, against a real server on 127.0.0.1: builds an index of
/// samples/catalogue.tsv, starts <c>lucenereco serve</c> with GoodRanker v1 in its plugins folder and the
/// pipelines of <see cref="LoadWorkload"/>, posts the users' events, optionally compares the staged pipeline
/// with bare recall (<see cref="BaselineComparison"/>), then runs the client loops (<see cref="LoadClient"/>)
/// while <see cref="PluginSwapper"/> replaces the plugin and <see cref="MemorySampler"/> watches the server's
/// memory; finally samples the idle server (optionally after inducing full GCs) and stops it with SIGTERM. Everything lives in a temporary folder
/// removed at the end; the server never outlives the run.
/// </summary>
public static class HotReloadLoad
{
    /// <summary>Runs the load; returns what it measured (check <see cref="HotReloadReport.Passed"/>).</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public static async Task<HotReloadReport> RunAsync(HotReloadLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        var log = options.Log ?? (_ => { });
        var work = Directory.CreateTempSubdirectory("lucenereco-load-").FullName;
        try
        {
            var hostDll = BuildOutputs.HostDll;
            var index = Path.Combine(work, "index");
            var plugins = Path.Combine(work, "plugins");
            var config = Path.Combine(work, "pipelines.json");
            log($"building the index of {BuildOutputs.SampleCatalogue} with {hostDll}");
            await HostCommand.RunAsync(hostDll, "index", "build", "--index", index, "--items", BuildOutputs.SampleCatalogue).ConfigureAwait(false);
            BuildOutputs.InstallPlugin(BuildOutputs.TestPlugin("GoodRanker"), plugins, LoadWorkload.Ranker);
            await File.WriteAllTextAsync(config, LoadWorkload.ConfigJson()).ConfigureAwait(false);

            using var server = await ServerProcess.StartAsync(hostDll,
                ["--index", index, "--plugins", plugins, "--config", config, "--urls", "http://127.0.0.1:0"], TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            log($"server {server.Id} listening on {server.BaseAddress}");
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            using (var events = await http.PostAsync("/events", new StringContent(LoadWorkload.EventsJson(options.Seed), Encoding.UTF8, "application/json")).ConfigureAwait(false))
                events.EnsureSuccessStatusCode();
            var swapper = new PluginSwapper(http, plugins, options.ReloadEvery, log);
            if (!await swapper.InstallAsync(1, reload: false).ConfigureAwait(false))
                throw new InvalidOperationException("GoodRanker v1 was not loaded at start: " + server.StandardError);

            BaselineComparison? baseline = null;
            if (options.Baseline is { } baselineDuration)
            {
                log($"comparing the bare and staged pipelines for {baselineDuration.TotalSeconds:0} s");
                baseline = await BaselineComparison.RunAsync(http, baselineDuration).ConfigureAwait(false);
            }

            log($"load: {options.Clients} readers and {options.Writers} writers for {options.Duration.TotalSeconds:0} s, a reload every {options.ReloadEvery.TotalSeconds:0.#} s");
            var sampler = new MemorySampler(http, server);
            var clients = Enumerable.Range(0, options.Clients).Select(c => new LoadClient(http, options.Seed * 1000 + c)).ToList();
            var writers = Enumerable.Range(0, options.Writers).Select(c => new WriteClient(http, c, options.Seed * 1000 + 500 + c)).ToList();
            var segmentsAtStart = await Segments(http).ConfigureAwait(false);
            using (var stopLoad = new CancellationTokenSource(options.Duration))
            {
                var sampling = sampler.RunAsync(stopLoad.Token);
                var swapping = swapper.RunAsync(stopLoad.Token);
                await Task.WhenAll(clients.Select(c => Task.Run(() => c.RunAsync(stopLoad.Token)))
                    .Concat(writers.Select(w => Task.Run(() => w.RunAsync(stopLoad.Token))))).ConfigureAwait(false);
                await Task.WhenAll(sampling, swapping).ConfigureAwait(false);
            }
            var segmentsAtEnd = await Segments(http).ConfigureAwait(false);
            var lost = await MissingItems(http, writers.SelectMany(w => w.Acknowledged)).ConfigureAwait(false);
            sampler.Phase = "settle";
            for (int s = 0; s < (int)options.Settle.TotalSeconds; s++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                await sampler.SampleAsync().ConfigureAwait(false);
            }
            if (options.FullCollectionAtEnd)
            {
                log("inducing two full GCs in the server");
                for (int gc = 0; gc < 2; gc++) await FullCollection.InduceAsync(server.Id, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                sampler.Phase = "after full GC";
                await sampler.SampleAsync().ConfigureAwait(false);
            }

            log("stopping the server (SIGTERM)");
            int exitCode = server.Stop(TimeSpan.FromSeconds(15));
            var failures = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var client in clients)
                foreach (var (reason, count) in client.Failures) failures[reason] = failures.GetValueOrDefault(reason) + count;
            foreach (var writer in writers)
                foreach (var (reason, count) in writer.Failures) failures[reason] = failures.GetValueOrDefault(reason) + count;
            return new HotReloadReport
            {
                Options = options,
                Requests = clients.Sum(c => (long)(c.SearchMs.Count + c.RecommendMs.Count)),
                Failures = failures,
                All = LatencySummary.Of(clients.SelectMany(c => c.SearchMs.Concat(c.RecommendMs))),
                Search = LatencySummary.Of(clients.SelectMany(c => c.SearchMs)),
                Recommend = LatencySummary.Of(clients.SelectMany(c => c.RecommendMs)),
                V1Responses = clients.Sum(c => c.V1),
                V2Responses = clients.Sum(c => c.V2),
                ReloadVisible = LatencySummary.Of(swapper.VisibleMs),
                ReloadProblems = swapper.Problems,
                Baseline = baseline,
                Writes = writers.Count == 0 ? null : new SoakWrites(
                    LatencySummary.Of(writers.SelectMany(w => w.PutMs)), LatencySummary.Of(writers.SelectMany(w => w.EventMs)),
                    writers.Sum(w => w.Acknowledged.Count), lost, segmentsAtStart, segmentsAtEnd),
                Memory = sampler.Samples,
                ServerExitCode = exitCode,
                ServerLog = server.StandardError,
            };
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The index's segment count from <c>/metrics</c>.</summary>
    private static async Task<int> Segments(HttpClient http)
    {
        using var metrics = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/metrics").ConfigureAwait(false));
        return metrics.RootElement.GetProperty("index").GetProperty("segments").GetInt32();
    }

    /// <summary>The acknowledged items <c>GET /items/{id}</c> does not find (should be none).</summary>
    private static async Task<List<string>> MissingItems(HttpClient http, IEnumerable<string> ids)
    {
        var missing = new List<string>();
        foreach (var id in ids)
        {
            using var response = await http.GetAsync("/items/" + Uri.EscapeDataString(id)).ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.OK) missing.Add($"{id} ({(int)response.StatusCode})");
        }
        return missing;
    }
}
