using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Tests.Stages;
using LuceneReco.Rankers.Diversity.Tests.Support;

namespace LuceneReco.Rankers.Diversity.Tests.Plugin;

/// <summary>
/// The plugin's own build folder loads the way the host loads plugins: a collectible load context resolving through the
/// plugin's .deps.json, sharing only the contract assembly. Its three rankers are found through IRankerPlugin, rerank
/// through the contract, and the context unloads.
/// </summary>
public sealed class PluginFolderLoadTests
{
    private const string AssemblyFile = "LuceneReco.Rankers.Diversity.dll";

    [Fact]
    public void BuildFolder_IsSelfContained_LoadsInACollectibleContext_RanksAndUnloads()
    {
        string folder = PluginFolder();
        Assert.True(File.Exists(Path.Combine(folder, "System.Numerics.Tensors.dll")), "the plugin folder carries its own dependencies");
        Assert.False(File.Exists(Path.Combine(folder, "LuceneReco.Plugins.Abstractions.dll")), "the contract comes from the host, never the plugin folder");

        WeakReference context = RankInIsolatedContext(folder);
        for (int k = 0; k < 10 && context.IsAlive; k++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(context.IsAlive, "the plugin's load context unloads");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RankInIsolatedContext(string folder)
    {
        var context = new PluginContext(Path.Combine(folder, AssemblyFile));
        Assembly assembly = context.LoadFromAssemblyPath(Path.Combine(folder, AssemblyFile));
        Assert.NotSame(typeof(MmrRanker).Assembly, assembly);

        var plugins = assembly.GetExportedTypes()
            .Where(t => typeof(IRankerPlugin).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IRankerPlugin)Activator.CreateInstance(t)!)
            .ToDictionary(p => p.Name);
        Assert.Equal(["diversity-caps", "dpp", "mmr"], plugins.Keys.Order());

        var services = new FakeServices(StageFixture.Films());
        foreach ((string name, string json) in new[] { ("mmr", """{ "lambda": 0.3 }"""), ("dpp", """{ "theta": 0.1 }"""), ("diversity-caps", """{ "caps": "provider:1/3" }""") })
        {
            using JsonDocument options = JsonDocument.Parse(json);
            IRankerStage stage = plugins[name].CreateStage(options.RootElement.Clone(), services);
            Assert.IsAssignableFrom<IRequestValidatingStage>(stage);
            List<Candidate> candidates = StageFixture.Candidates();
            stage.RerankAsync(StageFixture.Request(), candidates, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            Assert.Equal("m1", candidates[0].ItemId);
            Assert.NotEqual("m2", candidates[1].ItemId); // the second Fox sci-fi film no longer follows the first
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
            string candidate = Path.Combine(dir.FullName, "plugins", "LuceneReco.Rankers.Diversity", "bin", configuration, framework);
            if (File.Exists(Path.Combine(candidate, AssemblyFile))) return candidate;
        }
        throw new DirectoryNotFoundException($"No plugins/LuceneReco.Rankers.Diversity/bin/{configuration}/{framework} above {testBin.FullName}");
    }

    private sealed class PluginContext(string mainAssembly) : AssemblyLoadContext("diversity-plugin-test", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == typeof(IRankerPlugin).Assembly.GetName().Name) return null; // shared with the host
            return _resolver.ResolveAssemblyToPath(name) is string path ? LoadFromAssemblyPath(path) : null;
        }
    }
}
