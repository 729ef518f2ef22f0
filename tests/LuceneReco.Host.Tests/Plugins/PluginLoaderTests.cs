using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text.Json;
using LuceneReco.Host.Plugins;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Plugins;

/// <summary>Loading one plugin folder of real, separately built assemblies.</summary>
public sealed class PluginLoaderTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly List<string> _log = new();
    private readonly List<LoadedPlugin> _loaded = new();

    public void Dispose()
    {
        foreach (var plugin in _loaded) plugin.Unload();
        _files.Dispose();
    }

    private string Plugins => _files.PathOf("plugins");

    private LoadedPlugin Load(string folder, IReadOnlyDictionary<string, string>? pins = null)
    {
        var plugin = new PluginLoader(pins ?? new Dictionary<string, string>(), _log.Add).Load(folder);
        _loaded.Add(plugin);
        return plugin;
    }

    private static string Sha256Of(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    internal static RankingRequest Request(params (string Key, string Value)[] options) =>
        new("u1", null, [], 10, options.ToDictionary(o => o.Key, o => o.Value));

    [Fact]
    public async Task Load_Good_SharesTheContractAssembly_AndRunsOnHostCandidates()
    {
        var plugin = Load(TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.Good), Plugins, "good"));

        var loaded = Assert.Single(plugin.Rankers);
        Assert.Equal(("good", new Version(1, 0, 0, 0)), (loaded.Name, loaded.Version));
        var ranker = loaded.Plugin;
        var context = AssemblyLoadContext.GetLoadContext(ranker.GetType().Assembly)!;
        Assert.Equal("McMaster.NETCore.Plugins.Loader.ManagedLoadContext", context.GetType().FullName); // made by McMaster.NETCore.Plugins
        Assert.True(context.IsCollectible);
        // One contract assembly in both contexts: the plugin's IRankerPlugin is the host's.
        Assert.Same(typeof(IRankerPlugin).Assembly, context.LoadFromAssemblyName(typeof(IRankerPlugin).Assembly.GetName()));
        Assert.Same(typeof(IRankerPlugin), ranker.GetType().GetInterface(nameof(IRankerPlugin)));
        Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == typeof(IRankerPlugin).Assembly.GetName().Name);

        var candidates = new List<Candidate> { new("a", 3.0), new("b", 0.5) };
        await ranker.CreateStage(null, new FakeRankerServices()).RerankAsync(Request(), candidates, CancellationToken.None);
        Assert.Equal([4.0, 1.5], candidates.Select(c => c.Score));
        Assert.Equal(["good: good v1"], candidates[0].Explanations);
        Assert.Equal(Sha256Of(plugin.MainAssembly), plugin.Sha256);
        Assert.Equal("GoodRanker.dll", Path.GetFileName(plugin.MainAssembly));
    }

    [Fact]
    public void Load_LeavesNoPluginFileOpen_SoItCanBeOverwrittenAndDeleted()
    {
        var folder = TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.Good), Plugins, "good");
        var plugin = Load(folder);

        if (OperatingSystem.IsLinux())
        {
            var open = Directory.GetFiles("/proc/self/fd")
                .Select(fd => new FileInfo(fd).LinkTarget)
                .Where(target => target is not null && target.StartsWith(folder, StringComparison.Ordinal));
            Assert.Empty(open);
        }
        File.WriteAllBytes(plugin.MainAssembly, [1, 2, 3]);
        File.Delete(plugin.MainAssembly);
        File.Delete(Path.ChangeExtension(plugin.MainAssembly, ".pdb"));
        Directory.Delete(folder, recursive: true);
        Assert.Equal("good", Assert.Single(plugin.Rankers).Name);
    }

    [Fact]
    public void Load_TwoRankersInOneAssembly_LoadsBoth_AndBindsTypedOptions()
    {
        var plugin = Load(TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.Hanging), Plugins, "hanging"));

        Assert.Equal(["hangs", "hangs-hard"], plugin.Rankers.Select(r => r.Name).Order(StringComparer.Ordinal));
        var options = JsonDocument.Parse("""{ "milliseconds": 10 }""").RootElement;
        Assert.NotNull(plugin.Rankers[0].Plugin.CreateStage(options, new FakeRankerServices()));
        var bad = JsonDocument.Parse("""{ "noSuchOption": 1 }""").RootElement;
        Assert.Throws<ArgumentException>(() => plugin.Rankers[0].Plugin.CreateStage(bad, new FakeRankerServices()));
    }

    [Fact]
    public void Load_GarbageMainAssembly_FailsNamingTheFile()
    {
        var folder = TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.Good), Plugins, "good");
        File.WriteAllBytes(Path.Combine(folder, "GoodRanker.dll"), "MZ this is not an assembly"u8.ToArray());

        var e = Assert.Throws<PluginLoadException>(() => Load(folder));
        Assert.Contains(Path.Combine(folder, "GoodRanker.dll"), e.Message);
        Assert.Contains(nameof(BadImageFormatException), e.Message);
    }

    [Fact]
    public void Load_AssemblyWithoutRanker_FailsNamingTheFile()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Plugins, "not-a-plugin")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "LuceneReco.Index.dll"), Path.Combine(folder, "LuceneReco.Index.dll"));

        var e = Assert.Throws<PluginLoadException>(() => Load(folder));
        Assert.Contains(Path.Combine(folder, "LuceneReco.Index.dll"), e.Message);
        Assert.Contains("no public IRankerPlugin class", e.Message);
    }

    [Fact]
    public void FindMainAssembly_PrefersTheFolderName_ThenTheDepsJson_ThenTheOnlyDll()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Plugins, "p")).FullName;
        Assert.Contains("contains no .dll", Assert.Throws<PluginLoadException>(() => PluginLoader.FindMainAssembly(folder)).Message);

        File.WriteAllText(Path.Combine(folder, "Helper.dll"), "");
        Assert.Equal(Path.Combine(folder, "Helper.dll"), PluginLoader.FindMainAssembly(folder));

        File.WriteAllText(Path.Combine(folder, "Main.dll"), "");
        Assert.Contains("cannot tell the main assembly among Helper.dll, Main.dll",
            Assert.Throws<PluginLoadException>(() => PluginLoader.FindMainAssembly(folder)).Message);

        File.WriteAllText(Path.Combine(folder, "Main.deps.json"), "{}");
        Assert.Equal(Path.Combine(folder, "Main.dll"), PluginLoader.FindMainAssembly(folder));

        File.WriteAllText(Path.Combine(folder, "p.dll"), "");
        Assert.Equal(Path.Combine(folder, "p.dll"), PluginLoader.FindMainAssembly(folder));
    }

    [Fact]
    public void Pin_MatchingHash_Loads_MismatchByFolderOrRankerName_Fails()
    {
        var folder = TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.Good), Plugins, "good-folder");
        var sha = Sha256Of(Path.Combine(folder, "GoodRanker.dll"));
        var other = new string('0', 64);

        Assert.Equal(sha, Load(folder, new Dictionary<string, string> { ["good-folder"] = sha.ToUpperInvariant() }).Sha256);

        var byFolder = Assert.Throws<PluginLoadException>(() => Load(folder, new Dictionary<string, string> { ["good-folder"] = other }));
        Assert.Contains($"has SHA-256 {sha}, but 'good-folder' is pinned to {other}", byFolder.Message);
        Assert.Contains("GoodRanker.dll", byFolder.Message);

        var byName = Assert.Throws<PluginLoadException>(() => Load(folder, new Dictionary<string, string> { ["good"] = other }));
        Assert.Contains("'good' is pinned to", byName.Message);
    }
}
