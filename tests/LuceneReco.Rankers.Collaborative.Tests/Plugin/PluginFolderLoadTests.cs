using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Tests.Ranking;
using LuceneReco.Rankers.Collaborative.Tests.Support;

namespace LuceneReco.Rankers.Collaborative.Tests.Plugin;

/// <summary>
/// The plugin's own build folder loads the way the host loads plugins: a collectible load context resolving through the
/// plugin's .deps.json, sharing only the contract assembly with the host. Its rankers are found through IRankerPlugin,
/// read a model trained outside the context, and the context unloads.
/// </summary>
public sealed class PluginFolderLoadTests
{
    private const string AssemblyFile = "LuceneReco.Rankers.Collaborative.dll";

    [Fact]
    public void BuildFolder_IsSelfContained_LoadsInACollectibleContext_AndRanks()
    {
        string folder = PluginFolder();
        Assert.True(File.Exists(Path.Combine(folder, "System.IO.Hashing.dll")), "the plugin folder carries its own dependencies");
        Assert.True(File.Exists(Path.Combine(folder, "System.Numerics.Tensors.dll")), "the plugin folder carries its own dependencies");
        Assert.False(File.Exists(Path.Combine(folder, "LuceneReco.Plugins.Abstractions.dll")), "the contract comes from the host, never the plugin folder");

        using var f = new RankerFixture();
        f.Train(); // with the copy of the plugin assembly referenced by the tests; the loaded copy must read its files
        WeakReference context = RankInIsolatedContext(folder, f);

        for (int k = 0; k < 10 && context.IsAlive; k++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        // Fails when anything process-wide keeps a plugin type: System.Text.Json's serializer caches did, through the
        // contract's RankerPlugin<TOptions> binding and model metadata, so both are read without it.
        Assert.False(context.IsAlive, "the plugin's load context unloads");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RankInIsolatedContext(string folder, RankerFixture f)
    {
        var context = new PluginContext(Path.Combine(folder, AssemblyFile));
        Assembly assembly = context.LoadFromAssemblyPath(Path.Combine(folder, AssemblyFile));
        Assert.NotSame(typeof(LuceneReco.Rankers.Collaborative.Ranking.ItemKnnRanker).Assembly, assembly);

        var plugins = assembly.GetExportedTypes()
            .Where(t => typeof(IRankerPlugin).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IRankerPlugin)Activator.CreateInstance(t)!)
            .ToDictionary(p => p.Name);
        Assert.Equal(["als", "itemknn"], plugins.Keys.Order());

        foreach (IRankerPlugin plugin in plugins.Values)
        {
            using JsonDocument options = JsonDocument.Parse("""{ "weight": 1 }""");
            IRankerStage stage = plugin.CreateStage(options.RootElement.Clone(), f.Services);
            List<Candidate> candidates = RankerFixture.Candidates();
            stage.RerankAsync(RankerFixture.Request("alice"), candidates, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            Assert.Equal("m3", candidates[0].ItemId);
            Assert.True(candidates[0].StageScores.ContainsKey(plugin.Name), $"{plugin.Name} scored the candidates");
        }
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
            string candidate = Path.Combine(dir.FullName, "plugins", "LuceneReco.Rankers.Collaborative", "bin", configuration, framework);
            if (File.Exists(Path.Combine(candidate, AssemblyFile))) return candidate;
        }
        throw new DirectoryNotFoundException($"No plugins/LuceneReco.Rankers.Collaborative/bin/{configuration}/{framework} above {testBin.FullName}");
    }

    private sealed class PluginContext(string mainAssembly) : AssemblyLoadContext("collaborative-plugin-test", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == typeof(IRankerPlugin).Assembly.GetName().Name) return null; // shared with the host
            return _resolver.ResolveAssemblyToPath(name) is string path ? LoadFromAssemblyPath(path) : null;
        }
    }
}
