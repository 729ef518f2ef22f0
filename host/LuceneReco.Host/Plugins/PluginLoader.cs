using System.Reflection;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using LuceneReco.Plugins;
using McMasterLoader = McMaster.NETCore.Plugins.PluginLoader;

namespace LuceneReco.Host.Plugins;

/// <summary>
/// Loads one plugin folder into a fresh collectible load context made by McMaster.NETCore.Plugins: finds the main
/// assembly, checks its SHA-256 against a pin, loads it from the very bytes it hashed, and instantiates
/// every exported <see cref="IRankerPlugin"/>. Every failure — unreadable or garbage files, a missing
/// dependency, no ranker, a bad or duplicate name, a pin mismatch, an exception in the plugin's own
/// constructor — becomes a <see cref="PluginLoadException"/> naming the file, and the half-loaded
/// context is unloaded. After DotNetCorePlugins' <c>PluginLoader</c> and the dotnet/docs plugin tutorial.
/// </summary>
internal sealed partial class PluginLoader
{
    private readonly IReadOnlyDictionary<string, string> _pins;
    private readonly Action<string> _log;

    /// <param name="pinnedSha256">Expected SHA-256 (hex) of the main assembly by plugin folder name or ranker name.</param>
    /// <param name="log">Receives messages that do not stop a load.</param>
    public PluginLoader(IReadOnlyDictionary<string, string> pinnedSha256, Action<string> log)
    {
        _pins = pinnedSha256 ?? throw new ArgumentNullException(nameof(pinnedSha256));
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>Loads the plugin in <paramref name="folder"/>; throws <see cref="PluginLoadException"/> saying why it cannot.</summary>
    public LoadedPlugin Load(string folder)
    {
        var main = FindMainAssembly(folder);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(main);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginLoadException($"cannot read '{main}': {e.Message}", e);
        }
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // A pin by folder name is checked before any of the plugin's code runs.
        CheckPin(Path.GetFileName(folder), main, sha256);

        McMasterLoader loader;
        try
        {
            // McMaster.NETCore.Plugins makes the load context: dependencies and native libraries resolved from the plugin's
            // .deps.json, the contract shared with the host, everything read into memory (no file stays locked, native
            // libraries are shadow-copied), collectible.
            loader = McMasterLoader.CreateFromAssemblyFile(main, isUnloadable: true, sharedTypes: [typeof(IRankerPlugin)], config => config.LoadInMemory = true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Text.Json.JsonException or FormatException)
        {
            throw new PluginLoadException($"cannot read the dependencies of '{main}' (its .deps.json): {e.Message}", e);
        }
        try
        {
            // The main assembly is loaded from the very bytes whose SHA-256 was checked, not read again from the file.
            var rankers = Instantiate(LoadFromBytes(loader.LoadContext, bytes, main), main);
            foreach (var ranker in rankers) CheckPin(ranker.Name, main, sha256);
            return new LoadedPlugin(folder, main, sha256, rankers, loader);
        }
        catch (PluginLoadException)
        {
            loader.Dispose();
            throw;
        }
        catch (Exception e)
        {
            // The runtime (BadImageFormatException, FileNotFoundException for a missing dependency, ...)
            // or the plugin's own constructor or properties: either way this version does not load.
            loader.Dispose();
            throw new PluginLoadException($"cannot load plugin '{main}': {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The plugin's main assembly: <c>&lt;folder name&gt;.dll</c> if present, else the one <c>.dll</c> with a
    /// <c>.deps.json</c> beside it (what <c>dotnet build</c>/<c>publish</c> writes), else the only <c>.dll</c>.
    /// </summary>
    private static Assembly LoadFromBytes(System.Runtime.Loader.AssemblyLoadContext context, byte[] bytes, string path)
    {
        using var assembly = new MemoryStream(bytes, writable: false);
        var pdbPath = Path.ChangeExtension(path, ".pdb");
        using var pdb = File.Exists(pdbPath) ? new MemoryStream(File.ReadAllBytes(pdbPath), writable: false) : null;
        return context.LoadFromStream(assembly, pdb);
    }

    public static string FindMainAssembly(string folder)
    {
        if (!Directory.Exists(folder)) throw new PluginLoadException($"plugin folder '{folder}' does not exist");
        var named = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
        if (File.Exists(named)) return named;
        var dlls = Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal).ToList();
        var withDeps = dlls.Where(d => File.Exists(Path.ChangeExtension(d, ".deps.json"))).ToList();
        if (withDeps.Count == 1) return withDeps[0];
        if (withDeps.Count == 0 && dlls.Count == 1) return dlls[0];
        if (dlls.Count == 0) throw new PluginLoadException($"plugin folder '{folder}' contains no .dll");
        var candidates = string.Join(", ", (withDeps.Count > 0 ? withDeps : dlls).Select(Path.GetFileName));
        throw new PluginLoadException(
            $"plugin folder '{folder}': cannot tell the main assembly among {candidates} (name it '{Path.GetFileName(named)}' or keep only its .deps.json)");
    }

    private static List<LoadedRanker> Instantiate(Assembly assembly, string main)
    {
        var types = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
                        && typeof(IRankerPlugin).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        if (types.Count == 0)
            throw new PluginLoadException($"'{main}' has no public {nameof(IRankerPlugin)} class with a public parameterless constructor");

        var rankers = new List<LoadedRanker>(types.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            var ranker = (IRankerPlugin)Activator.CreateInstance(type)!;
            var name = ranker.Name;
            if (name is null || !RankerName().IsMatch(name))
                throw new PluginLoadException($"'{main}': {type.FullName} has an invalid ranker name '{name}' (letters, digits, '-', '_' and '.')");
            if (!names.Add(name))
                throw new PluginLoadException($"'{main}' exports two rankers named '{name}'");
            var version = ranker.Version ?? throw new PluginLoadException($"'{main}': ranker '{name}' has a null Version");
            rankers.Add(new LoadedRanker(name, version, ranker));
        }
        return rankers;
    }

    private void CheckPin(string key, string main, string sha256)
    {
        if (_pins.TryGetValue(key, out var pinned) && !string.Equals(pinned, sha256, StringComparison.OrdinalIgnoreCase))
            throw new PluginLoadException($"'{main}' has SHA-256 {sha256}, but '{key}' is pinned to {pinned.ToLowerInvariant()}");
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex RankerName();
}
