using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Plugin;

/// <summary>
/// The plugin's build folder loads the way the host loads plugins: a collectible load context resolving through the plugin's
/// .deps.json, sharing only the contract with the host. The "learned" ranker is found through IRankerPlugin, scores with an
/// XGBoost model, and the context unloads afterwards (nothing process-wide keeps a plugin type).
/// </summary>
public sealed class PluginFolderLoadTests
{
    private const string AssemblyFile = "LuceneReco.Rankers.Learned.dll";

    [Fact]
    public void BuildFolder_LoadsInACollectibleContext_RanksAndUnloads()
    {
        string folder = PluginFolder();
        Assert.False(File.Exists(Path.Combine(folder, "LuceneReco.Plugins.Abstractions.dll")), "the contract comes from the host, never the plugin folder");
        using var dir = new TempDir();
        File.Copy(Fixture.Load("binary").ModelPath, dir.Sub("model.json"));
        WeakReference context = RankInIsolatedContext(folder, new FakeServices(dir.Path));
        for (int k = 0; k < 10 && context.IsAlive; k++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(context.IsAlive, "the plugin's load context unloads");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RankInIsolatedContext(string folder, FakeServices services)
    {
        var context = new PluginContext(Path.Combine(folder, AssemblyFile));
        Assembly assembly = context.LoadFromAssemblyPath(Path.Combine(folder, AssemblyFile));
        Assert.NotSame(typeof(LuceneReco.Rankers.Learned.Ranking.LearnedRanker).Assembly, assembly);
        IRankerPlugin plugin = assembly.GetExportedTypes()
            .Where(t => typeof(IRankerPlugin).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IRankerPlugin)Activator.CreateInstance(t)!)
            .Single();
        Assert.Equal("learned", plugin.Name);

        using JsonDocument options = JsonDocument.Parse("""{"model": "model.json", "format": "xgboost-json"}""");
        IRankerStage stage = plugin.CreateStage(options.RootElement.Clone(), services);
        var low = new Candidate("low", 0);
        var high = new Candidate("high", 0);
        high.Features["f0"] = 5; // the planted signal: the first feature raises relevance
        low.Features["f0"] = 0;
        List<Candidate> candidates = [low, high];
        stage.RerankAsync(new RankingRequest(null, null, [], 2, new Dictionary<string, string>()), candidates, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Assert.Equal("high", candidates[0].ItemId);
        Assert.NotEmpty(candidates[0].Explanations);
        context.Unload();
        return new WeakReference(context);
    }

    /// <summary>The plugin project's output folder for the configuration the tests were built in.</summary>
    private static string PluginFolder()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = testBin.Name, configuration = testBin.Parent!.Name;
        for (DirectoryInfo? dir = testBin; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "plugins", "LuceneReco.Rankers.Learned", "bin", configuration, framework);
            if (File.Exists(Path.Combine(candidate, AssemblyFile))) return candidate;
        }
        throw new DirectoryNotFoundException($"No plugins/LuceneReco.Rankers.Learned/bin/{configuration}/{framework} above {testBin.FullName}");
    }

    private sealed class PluginContext(string mainAssembly) : AssemblyLoadContext("learned-plugin-test", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == typeof(IRankerPlugin).Assembly.GetName().Name) return null; // shared with the host
            return _resolver.ResolveAssemblyToPath(name) is string path ? LoadFromAssemblyPath(path) : null;
        }
    }
}
