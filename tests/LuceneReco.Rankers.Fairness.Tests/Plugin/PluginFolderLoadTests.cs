using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Fairness.Tests.Support;

namespace LuceneReco.Rankers.Fairness.Tests.Plugin;

/// <summary>
/// The plugin's build folder loads the way the host loads plugins (a collectible context sharing only the contract), offers
/// "fair", "exposure" and "calibration" through IRankerPlugin, reranks, and unloads.
/// </summary>
public sealed class PluginFolderLoadTests
{
    private const string AssemblyFile = "LuceneReco.Rankers.Fairness.dll";

    [Fact]
    public void BuildFolder_LoadsInACollectibleContext_RanksAndUnloads()
    {
        string folder = PluginFolder();
        Assert.False(File.Exists(Path.Combine(folder, "LuceneReco.Plugins.Abstractions.dll")), "the contract comes from the host, never the plugin folder");
        using var dir = new TempDir();
        WeakReference context = RankInIsolatedContext(folder, dir.Path);
        for (int k = 0; k < 10 && context.IsAlive; k++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(context.IsAlive, "the plugin's load context unloads");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RankInIsolatedContext(string folder, string dataDirectory)
    {
        var context = new PluginContext(Path.Combine(folder, AssemblyFile));
        Assembly assembly = context.LoadFromAssemblyPath(Path.Combine(folder, AssemblyFile));
        var plugins = assembly.GetExportedTypes()
            .Where(t => typeof(IRankerPlugin).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IRankerPlugin)Activator.CreateInstance(t)!)
            .ToDictionary(p => p.Name);
        Assert.Equal(["calibration", "exposure", "fair"], plugins.Keys.Order());

        var services = new FakeServices(dataDirectory);
        for (int i = 0; i < 6; i++) services.Catalog.Add("c" + i, "T" + i, ("provider", i == 5 ? "indie" : "big"), ("category", i == 5 ? "Comedy" : "Drama"));
        services.Events.Add("u", "c5");
        var options = new Dictionary<string, string>
        {
            ["fair"] = """{ "protectedValues": "indie", "p": 0.9, "alpha": 0.3, "adjust": false }""",
            ["exposure"] = "{}",
            ["calibration"] = """{ "lambda": 0.9 }""",
        };
        foreach (var (name, json) in options)
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            IRankerStage stage = plugins[name].CreateStage(doc.RootElement.Clone(), services);
            List<Candidate> list = Requests.Candidates(6);
            Requests.Run(stage, Requests.For(3, user: "u"), list);
            Assert.Equal(6, list.Count);
            if (name != "exposure") Assert.True(list.FindIndex(c => c.ItemId == "c5") < 3, $"{name} moved the item up");
            (stage as IDisposable)?.Dispose();
        }
        context.Unload();
        return new WeakReference(context);
    }

    private static string PluginFolder()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = testBin.Name, configuration = testBin.Parent!.Name;
        for (DirectoryInfo? dir = testBin; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "plugins", "LuceneReco.Rankers.Fairness", "bin", configuration, framework);
            if (File.Exists(Path.Combine(candidate, AssemblyFile))) return candidate;
        }
        throw new DirectoryNotFoundException($"No plugins/LuceneReco.Rankers.Fairness/bin/{configuration}/{framework} above {testBin.FullName}");
    }

    private sealed class PluginContext(string mainAssembly) : AssemblyLoadContext("fairness-plugin-test", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == typeof(IRankerPlugin).Assembly.GetName().Name) return null; // shared with the host
            return _resolver.ResolveAssemblyToPath(name) is string path ? LoadFromAssemblyPath(path) : null;
        }
    }
}
