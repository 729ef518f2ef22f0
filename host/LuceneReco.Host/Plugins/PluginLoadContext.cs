using System.Reflection;
using System.Runtime.Loader;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Plugins;

/// <summary>
/// The collectible load context of one loaded plugin version. The contract assembly
/// (LuceneReco.Plugins.Abstractions) and the framework come from the host's default context, so
/// <see cref="IRankerPlugin"/> and <see cref="Candidate"/> are the same types on both sides; the plugin's
/// own dependencies are resolved with its <c>.deps.json</c> (<see cref="AssemblyDependencyResolver"/>) and
/// read into memory, so no file in the plugin folder stays open and a new version can be copied over it.
/// Native libraries cannot be loaded from memory: they are copied to a private temporary folder first.
/// After the dotnet/docs plugin tutorial and DotNetCorePlugins' <c>ManagedLoadContext</c>.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly string ContractName = typeof(IRankerPlugin).Assembly.GetName().Name!;

    private readonly AssemblyDependencyResolver _resolver;
    private readonly Action<string> _log;
    private readonly Lock _nativeGate = new();
    private string? _nativeCopies;

    /// <param name="mainAssemblyPath">The plugin's main assembly; its folder and <c>.deps.json</c> drive resolution.</param>
    /// <param name="log">Receives problems that do not stop the plugin (a native copy that could not be deleted).</param>
    public PluginLoadContext(string mainAssemblyPath, Action<string> log)
        : base($"plugin:{Path.GetFileName(Path.GetDirectoryName(mainAssemblyPath))}", isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        _log = log;
        Unloading += _ => DeleteNativeCopies();
    }

    /// <summary>Loads <paramref name="path"/> from a copy of its bytes (and its <c>.pdb</c>, if present) without keeping the file open.</summary>
    public Assembly LoadFromFileBytes(string path) => LoadFromBytes(File.ReadAllBytes(path), path);

    /// <summary>Loads an assembly from <paramref name="bytes"/> already read from <paramref name="path"/> (the pdb beside it, if any, is read too).</summary>
    public Assembly LoadFromBytes(byte[] bytes, string path)
    {
        using var assembly = new MemoryStream(bytes, writable: false);
        var pdbPath = Path.ChangeExtension(path, ".pdb");
        using var pdb = File.Exists(pdbPath) ? new MemoryStream(File.ReadAllBytes(pdbPath), writable: false) : null;
        return LoadFromStream(assembly, pdb);
    }

    /// <summary>
    /// The contract and anything the plugin does not ship (the framework) fall through to the default
    /// context (null); the plugin's own dependencies load here, from memory.
    /// </summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.Equals(assemblyName.Name, ContractName, StringComparison.Ordinal)) return null;
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromFileBytes(path);
    }

    /// <summary>A native library the plugin ships, loaded from a private copy so the plugin folder stays unlocked.</summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        if (path is null) return IntPtr.Zero;
        string copy;
        lock (_nativeGate)
        {
            _nativeCopies ??= Directory.CreateTempSubdirectory("lucenereco-plugin-native-").FullName;
            copy = Path.Combine(_nativeCopies, Path.GetFileName(path));
            if (!File.Exists(copy)) File.Copy(path, copy);
        }
        return LoadUnmanagedDllFromPath(copy);
    }

    private void DeleteNativeCopies()
    {
        string? folder;
        lock (_nativeGate) folder = _nativeCopies;
        if (folder is null) return;
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Native libraries are never unloaded; on Windows their copies stay locked until the process exits.
            _log($"plugins: could not delete the native library copies in {folder}: {e.Message}");
        }
    }
}
