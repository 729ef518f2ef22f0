using LuceneReco.Host.Offline;
using LuceneReco.Host.Pipelines;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using LuceneReco.Host.Plugins;
using LuceneReco.Plugins;
using Microsoft.Extensions.Time.Testing;

namespace LuceneReco.Host.Tests.Plugins;

/// <summary>The catalogue over a temporary plugins folder of real plugin builds: reloads, failures, names, quarantine, unloading.</summary>
public sealed class PluginCatalogTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly List<PluginCatalog> _catalogs = new();

    public void Dispose()
    {
        foreach (var catalog in _catalogs) catalog.Dispose();
        _files.Dispose();
    }

    private string Plugins => _files.PathOf("plugins");

    private string Install(string project, string name) => TestPlugin.Install(TestPlugin.OutputOf(project), Plugins, name);

    private PluginCatalog Open(PluginCatalogOptions? options = null, TimeProvider? time = null)
    {
        var catalog = new PluginCatalog(options ?? new PluginCatalogOptions { Folder = Plugins, Watch = false }, _log.Enqueue, time);
        _catalogs.Add(catalog);
        return catalog;
    }

    /// <summary>Services as the runner makes them for a handle: its own data folder, created.</summary>
    private static FakeRankerServices ServicesOf(RankerHandle handle)
    {
        Directory.CreateDirectory(handle.DataDirectory);
        return new FakeRankerServices(handle.DataDirectory);
    }

    private static async Task<List<Candidate>> Rerank(RankerHandle handle, params double[] scores)
    {
        var candidates = scores.Select((s, i) => new Candidate($"item{i}", s)).ToList();
        await handle.Plugin.CreateStage(null, ServicesOf(handle)).RerankAsync(PluginLoaderTests.Request(), candidates, CancellationToken.None);
        return candidates;
    }

    /// <summary>Polls until <paramref name="condition"/> holds (the watcher and debounce run on other threads); fails after 10 s.</summary>
    private async Task Eventually(Func<bool> condition, string what)
    {
        for (var waited = 0; waited < 10_000; waited += 20)
        {
            if (condition()) return;
            await Task.Delay(20);
        }
        Assert.Fail($"timed out waiting until {what}; log:\n{string.Join("\n", _log)}");
    }

    [Fact]
    public async Task Find_LoadedPlugin_GivesVersionServicesWithOwnDataDirectory_AndStatus()
    {
        var folder = Install(TestPlugin.Good, "good");
        var catalog = Open();

        var handle = catalog.Find("good")!;
        Assert.Equal(new Version(1, 0, 0, 0), handle.Version);
        Assert.Equal(Path.Combine(folder, "data"), handle.DataDirectory);
        Assert.Equal([2.0], (await Rerank(handle, 1.0)).Select(c => c.Score));
        Assert.Null(catalog.Find("nope"));

        var status = Assert.Single(catalog.List());
        Assert.Equal(("good", "loaded", folder, 0), (status.Name, status.State, status.Folder, status.Faults));
        Assert.Null(status.Error);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "GoodRanker.dll")))), status.Sha256);
    }

    [Fact]
    public async Task HotReload_V2CopiedOverV1_IsServedAfterTheDebounce_WhileTheOldHandleKeepsWorking()
    {
        var folder = Install(TestPlugin.Good, "good");
        var catalog = Open(new PluginCatalogOptions { Folder = Plugins, DebounceMs = 150 });
        var v1 = catalog.Find("good")!;
        Directory.CreateDirectory(v1.DataDirectory);
        File.WriteAllText(Path.Combine(folder, "data", "model.bin"), "a plugin writing its data is no code change");

        TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.GoodV2), Plugins, "good");
        await Eventually(() => catalog.Find("good")?.Generation != v1.Generation, "v2 is loaded");

        var v2 = catalog.Find("good")!;
        Assert.Equal(new Version(2, 0, 0, 0), v2.Version);
        Assert.True(v2.Generation > v1.Generation);
        var candidates = await Rerank(v2, 1.0);
        Assert.Equal(3.0, Assert.Single(candidates).Score);
        Assert.Equal(["good: good v2"], candidates[0].Explanations);
        // A request that got the v1 handle before the swap finishes on v1.
        Assert.Equal(2.0, Assert.Single(await Rerank(v1, 1.0)).Score);
        Assert.Equal("loaded", Assert.Single(catalog.List()).State);
    }

    [Fact]
    public async Task Watch_RemovedFolder_RemovesThePlugin()
    {
        var folder = Install(TestPlugin.Good, "good");
        var catalog = Open(new PluginCatalogOptions { Folder = Plugins, DebounceMs = 150 });
        Assert.NotNull(catalog.Find("good"));

        Directory.Delete(folder, recursive: true);
        await Eventually(() => catalog.Find("good") is null, "the plugin is gone");
        Assert.Empty(catalog.List());
    }

    [Fact]
    public void Reload_OldVersionsContext_IsUnloadedAndCollected()
    {
        Install(TestPlugin.Good, "good");
        var catalog = Open();
        var unloading = new StrongBox<bool>();
        var oldContext = UseAndForget(catalog, unloading);

        Install(TestPlugin.GoodV2, "good");
        catalog.Reload();
        Assert.Equal(2, catalog.Find("good")!.Version.Major);
        Assert.True(unloading.Value, "the catalogue did not unload the replaced context");

        for (var i = 0; i < 20 && oldContext.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(oldContext.IsAlive, "the v1 load context is still reachable after unloading");
        Assert.True(UseAndForgetStage(catalog));
    }

    /// <summary>Finds "good", runs a stage, and returns only a weak reference to its load context (no plugin type escapes).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference UseAndForget(PluginCatalog catalog, StrongBox<bool> unloading)
    {
        var handle = catalog.Find("good")!;
        var candidates = new List<Candidate> { new("a", 0) };
        handle.Plugin.CreateStage(null, ServicesOf(handle)).RerankAsync(PluginLoaderTests.Request(), candidates, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Assert.Equal(1.0, candidates[0].Score);
        var context = AssemblyLoadContext.GetLoadContext(handle.Plugin.GetType().Assembly)!;
        context.Unloading += _ => unloading.Value = true;
        return new WeakReference(context);
    }

    /// <summary>Runs a stage of the current "good" (v2 adds 2.0) without letting a plugin type escape.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool UseAndForgetStage(PluginCatalog catalog)
    {
        var handle = catalog.Find("good")!;
        var candidates = new List<Candidate> { new("a", 0) };
        handle.Plugin.CreateStage(null, ServicesOf(handle)).RerankAsync(PluginLoaderTests.Request(), candidates, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return candidates[0].Score == 2.0;
    }

    /// <remarks>
    /// RankerPlugin&lt;TOptions&gt; binds options with the contract's OptionsBinder, not System.Text.Json's
    /// serializer (whose global caches would keep the plugin's options type, and so its context, alive):
    /// a plugin that bound typed options unloads as promptly as one that did not.
    /// </remarks>
    [Fact]
    public void RemovedPlugin_WithTypedOptions_IsCollectedPromptly()
    {
        var folder = Install(TestPlugin.Hanging, "hanging");
        var catalog = Open();
        var oldContext = BindOptionsAndForget(catalog);

        Directory.Delete(folder, recursive: true);
        catalog.Reload();
        for (var i = 0; i < 20 && oldContext.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(oldContext.IsAlive, "binding RankerPlugin<TOptions> options keeps the plugin's context alive");
    }

    /// <summary>Creates a "hangs" stage from JSON options (bound to the plugin's options type); returns a weak reference to its context.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference BindOptionsAndForget(PluginCatalog catalog)
    {
        var handle = catalog.Find("hangs")!;
        var options = System.Text.Json.JsonDocument.Parse("""{ "milliseconds": 1 }""").RootElement;
        Assert.NotNull(handle.Plugin.CreateStage(options, ServicesOf(handle)));
        return new WeakReference(AssemblyLoadContext.GetLoadContext(handle.Plugin.GetType().Assembly));
    }

    [Fact]
    public async Task ConcurrentFindsDuringReloads_AlwaysGetAConsistentHandle()
    {
        Install(TestPlugin.Good, "good");
        var catalog = Open();
        using var stop = new CancellationTokenSource();
        using var running = new CountdownEvent(3);
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var calls = 0;
            while (!stop.IsCancellationRequested)
            {
                if (calls == 1) running.Signal();
                var handle = catalog.Find("good");
                Assert.NotNull(handle);
                var score = Assert.Single(await Rerank(handle, 0.0)).Score;
                Assert.Equal(handle.Version.Major, score); // v1 adds 1.0, v2 adds 2.0
                calls++;
            }
            return calls;
        })).ToList();
        if (!running.Wait(TimeSpan.FromSeconds(10)))
        {
            await Task.WhenAll(readers); // surfaces a reader's failed assertion
            Assert.Fail("the readers did not start");
        }

        for (var i = 0; i < 10; i++)
        {
            Install(i % 2 == 0 ? TestPlugin.GoodV2 : TestPlugin.Good, "good");
            catalog.Reload();
            Assert.Equal(i % 2 == 0 ? 2 : 1, catalog.Find("good")!.Version.Major);
        }
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(readers), calls => Assert.True(calls > 1));
    }

    [Fact]
    public void BrokenNewVersion_KeepsThePreviousServing_AndReportsFailedNamingTheFile()
    {
        var folder = Install(TestPlugin.Good, "good");
        var catalog = Open();
        var v1 = catalog.Find("good")!;
        var dll = Path.Combine(folder, "GoodRanker.dll");

        File.WriteAllBytes(dll, [.. "MZ"u8, .. new byte[500]]);
        catalog.Reload();
        Assert.Same(v1, catalog.Find("good"));
        var status = Assert.Single(catalog.List());
        Assert.Equal(("stale", new Version(1, 0, 0, 0)), (status.State, status.Version));
        Assert.Contains(dll, status.Error);
        Assert.Contains(_log, line => line.Contains(dll) && line.Contains("version 1.0.0.0 keeps serving"));

        // A valid assembly without a ranker: still v1.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "LuceneReco.Index.dll"), dll, overwrite: true);
        catalog.Reload();
        Assert.Same(v1, catalog.Find("good"));
        Assert.Contains("no public IRankerPlugin class", Assert.Single(catalog.List()).Error);

        // A good version clears the failure.
        Install(TestPlugin.GoodV2, "good");
        catalog.Reload();
        Assert.Equal(2, catalog.Find("good")!.Version.Major);
        Assert.Equal(("loaded", null), (catalog.List()[0].State, catalog.List()[0].Error));
    }

    [Fact]
    public void FolderThatNeverLoaded_IsListedAsFailedUnderItsFolderName()
    {
        Directory.CreateDirectory(Path.Combine(Plugins, "empty"));
        File.WriteAllText(Path.Combine(Plugins, "empty", "README.txt"), "no code here");
        Directory.CreateDirectory(Path.Combine(Plugins, ".staging"));
        Install(TestPlugin.Throwing, "throws");
        var catalog = Open();

        var rows = catalog.List();
        Assert.Equal(["empty", "throws"], rows.Select(r => r.Name));
        Assert.Equal(("failed", null, null), (rows[0].State, rows[0].Version, rows[0].Sha256));
        Assert.Contains("contains no .dll", rows[0].Error);
        Assert.Equal("loaded", rows[1].State);
    }

    [Fact]
    public async Task ThrowingPlugin_Loads_AndItsStageThrowsThroughTheContract()
    {
        Install(TestPlugin.Throwing, "throws");
        var handle = Open().Find("throws")!;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Rerank(handle, 1.0));
    }

    [Fact]
    public async Task HangingPlugins_WaitForCancellation_OrIgnoreIt()
    {
        Install(TestPlugin.Hanging, "hanging");
        var catalog = Open();
        var candidates = new List<Candidate> { new("a", 1) };

        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var hangs = catalog.Find("hangs")!;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await hangs.Plugin.CreateStage(null, ServicesOf(hangs)).RerankAsync(PluginLoaderTests.Request(), candidates, budget.Token));

        var hard = catalog.Find("hangs-hard")!;
        var options = System.Text.Json.JsonDocument.Parse("""{ "milliseconds": 100 }""").RootElement;
        var started = TimeProvider.System.GetTimestamp();
        await hard.Plugin.CreateStage(options, ServicesOf(hard)).RerankAsync(PluginLoaderTests.Request(), candidates, new CancellationToken(canceled: true));
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(90), "hangs-hard returned before blocking");
    }

    [Fact]
    public void Pinned_MismatchingAssembly_IsRejected_AndThePinnedVersionKeepsServing()
    {
        var folder = Install(TestPlugin.Good, "good");
        var v1Sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "GoodRanker.dll"))));
        var catalog = Open(new PluginCatalogOptions
        {
            Folder = Plugins,
            Watch = false,
            PinnedSha256 = new Dictionary<string, string> { ["good"] = v1Sha },
        });
        Assert.NotNull(catalog.Find("good"));

        Install(TestPlugin.GoodV2, "good");
        catalog.Reload();
        Assert.Equal(1, catalog.Find("good")!.Version.Major);
        var status = Assert.Single(catalog.List());
        Assert.Equal("stale", status.State);
        Assert.Contains($"is pinned to {v1Sha}", status.Error);
    }

    [Fact]
    public void DuplicateRankerName_TheLaterFolderFails_UntilTheFirstIsRemoved()
    {
        var first = Install(TestPlugin.Good, "a-good");
        Install(TestPlugin.GoodV2, "b-good");
        var catalog = Open();

        Assert.Equal(1, catalog.Find("good")!.Version.Major);
        var rows = catalog.List();
        Assert.Equal(["loaded", "failed"], rows.Select(r => r.State));
        Assert.Equal("b-good", rows[1].Name);
        Assert.Contains($"ranker 'good' in '{Path.Combine(Plugins, "b-good", "GoodRanker.dll")}' is already served by plugin folder '{first}'", rows[1].Error);

        Directory.Delete(first, recursive: true);
        catalog.Reload();
        Assert.Equal(2, catalog.Find("good")!.Version.Major);
        Assert.Equal("loaded", Assert.Single(catalog.List()).State);
    }

    [Fact]
    public void Quarantine_AfterNFaultsWithinTheWindow_UntilReload()
    {
        Install(TestPlugin.Good, "good");
        var time = new FakeTimeProvider();
        var catalog = Open(new PluginCatalogOptions { Folder = Plugins, Watch = false, QuarantineAfterFaults = 3, QuarantineWindow = TimeSpan.FromMinutes(1) }, time);
        var generation = catalog.Find("good")!.Generation;

        catalog.ReportFault("good", "timeout");
        catalog.ReportFault("good", "timeout");
        time.Advance(TimeSpan.FromSeconds(61)); // those two leave the window
        catalog.ReportFault("good", "timeout");
        catalog.ReportFault("good", "threw");
        Assert.NotNull(catalog.Find("good"));

        catalog.ReportFault("good", "threw InvalidOperationException");
        Assert.Null(catalog.Find("good"));
        var status = Assert.Single(catalog.List());
        Assert.Equal(("quarantined", 5), (status.State, status.Faults));
        Assert.Contains("3 faults", status.Error);
        Assert.Contains("threw InvalidOperationException", status.Error);
        Assert.Contains(_log, line => line.Contains("'good' quarantined"));

        catalog.Reload();
        Assert.Equal(generation, catalog.Find("good")?.Generation); // released, not reloaded: nothing changed
        Assert.Equal("loaded", catalog.List()[0].State);
        catalog.ReportFault("unknown", "ignored: no such ranker");
    }

    [Fact]
    public void Quarantine_IsLiftedByANewVersion()
    {
        Install(TestPlugin.Good, "good");
        var catalog = Open(new PluginCatalogOptions { Folder = Plugins, Watch = false, QuarantineAfterFaults = 1 });
        catalog.ReportFault("good", "threw");
        Assert.Null(catalog.Find("good"));

        Install(TestPlugin.GoodV2, "good");
        catalog.Reload();
        Assert.Equal(2, catalog.Find("good")!.Version.Major);
        Assert.Equal(0, catalog.List()[0].Faults);
    }

    [Fact]
    public void Dispose_UnloadsEverything()
    {
        Install(TestPlugin.Good, "good");
        var catalog = Open();
        catalog.Dispose();
        Assert.Null(catalog.Find("good"));
        Assert.Empty(catalog.List());
        Assert.Throws<ObjectDisposedException>(catalog.Reload);
    }

    [Fact]
    public void Options_Validate_ReportsEveryProblemAtOnce()
    {
        var options = new PluginCatalogOptions
        {
            Folder = " ",
            DebounceMs = 0,
            QuarantineAfterFaults = 0,
            QuarantineWindow = TimeSpan.Zero,
            PinnedSha256 = new Dictionary<string, string> { ["x"] = "abc" },
        };
        var e = Assert.Throws<ArgumentException>(options.Validate);
        foreach (var part in new[] { "Folder", "DebounceMs", "QuarantineAfterFaults", "QuarantineWindow", "PinnedSha256['x']" })
            Assert.Contains(part, e.Message);
    }
}
