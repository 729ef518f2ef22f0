using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using LuceneReco.Plugins;

namespace LuceneReco.Testing;

/// <summary>
/// A plugin project's build folder loaded the way the host loads plugins: a collectible load context resolving through the
/// plugin's .deps.json and sharing only the contract with the test (so the plugin's types are not the test's), its plugin
/// types instantiated, and the context unloaded afterwards, which <see cref="UseAndUnload"/> checks with a weak reference.
/// </summary>
public static class IsolatedPlugin
{
    /// <summary>The build output folder of <c>plugins/<paramref name="project"/></c> for the configuration the tests were built in.</summary>
    /// <exception cref="DirectoryNotFoundException">The plugin was not built.</exception>
    public static string BuildFolder(string project)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = testBin.Name, configuration = testBin.Parent!.Name;
        for (DirectoryInfo? dir = testBin; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "plugins", project, "bin", configuration, framework);
            if (File.Exists(Path.Combine(candidate, project + ".dll"))) return candidate;
        }
        throw new DirectoryNotFoundException($"No plugins/{project}/bin/{configuration}/{framework} above {testBin.FullName}");
    }

    /// <summary>
    /// Loads <c>plugins/<paramref name="project"/></c>'s build folder in a collectible context, hands its plugins (by name) to
    /// <paramref name="use"/>, unloads the context and returns whether it was collected (after up to ten full collections).
    /// </summary>
    public static bool UseAndUnload(string project, Action<IReadOnlyDictionary<string, IRankerPlugin>> use)
    {
        string folder = BuildFolder(project);
        if (File.Exists(Path.Combine(folder, typeof(IRankerPlugin).Assembly.GetName().Name + ".dll")))
            throw new InvalidOperationException("the contract must come from the host, never the plugin folder");
        WeakReference context = Use(Path.Combine(folder, project + ".dll"), use);
        for (int k = 0; k < 10 && context.IsAlive; k++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return !context.IsAlive;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Use(string mainAssembly, Action<IReadOnlyDictionary<string, IRankerPlugin>> use)
    {
        var context = new Context(mainAssembly);
        Assembly assembly = context.LoadFromAssemblyPath(mainAssembly);
        var plugins = assembly.GetExportedTypes()
            .Where(t => typeof(IRankerPlugin).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IRankerPlugin)Activator.CreateInstance(t)!)
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
        use(plugins);
        context.Unload();
        return new WeakReference(context);
    }

    private sealed class Context(string mainAssembly) : AssemblyLoadContext("plugin-under-test", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == typeof(IRankerPlugin).Assembly.GetName().Name) return null; // shared with the test, as with the host
            return _resolver.ResolveAssemblyToPath(name) is string path ? LoadFromAssemblyPath(path) : null;
        }
    }
}
