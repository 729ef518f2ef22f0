using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace LuceneReco.LoadTest;

/// <summary>
/// Where the build put what the load test runs: the host (<c>lucenereco.dll</c>), the test plugins and the
/// sample plugin. The projects that reference them build them first, in this assembly's configuration.
/// </summary>
public static class BuildOutputs
{
    private static readonly string Configuration =
        typeof(BuildOutputs).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static readonly string TargetFramework = TargetFrameworkFolder();

    /// <summary>The directory holding LuceneReco.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>samples/catalogue.tsv: the 200-item sample catalogue.</summary>
    public static string SampleCatalogue => Path.Combine(RepositoryRoot, "samples", "catalogue.tsv");

    /// <summary>
    /// The host's built <c>lucenereco.dll</c>: next to the running assembly when its project references the host
    /// (the test project), else in the host's own build output.
    /// </summary>
    public static string HostDll
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "lucenereco.dll");
            if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json"))) return beside;
            var built = Path.Combine(RepositoryRoot, "host", "LuceneReco.Host", "bin", Configuration, TargetFramework, "lucenereco.dll");
            return File.Exists(built)
                ? built
                : throw new FileNotFoundException($"{built} is missing: build the host first (dotnet build LuceneReco.sln -c {Configuration})", built);
        }
    }

    /// <summary>The build output folder of the test plugin project <paramref name="project"/> (tests/TestPlugins/).</summary>
    public static string TestPlugin(string project) =>
        PluginFolder(Path.Combine(RepositoryRoot, "tests", "TestPlugins", "bin", project, Configuration, TargetFramework));

    /// <summary>The build output folder of samples/FavouriteCategoryRanker.</summary>
    public static string SamplePlugin =>
        PluginFolder(Path.Combine(RepositoryRoot, "samples", "FavouriteCategoryRanker", "bin", Configuration, TargetFramework));

    /// <summary>Copies every file of <paramref name="output"/> into <c>&lt;pluginsFolder&gt;/&lt;name&gt;</c>, overwriting, as a publish would; returns that folder.</summary>
    public static string InstallPlugin(string output, string pluginsFolder, string name)
    {
        var folder = Path.Combine(pluginsFolder, name);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(output, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
        return folder;
    }

    /// <summary>The dotnet host running this process (DOTNET_HOST_PATH under the SDK), else the one next to the runtime, else the PATH's.</summary>
    public static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        string exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var besideRuntime = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", exe));
        return File.Exists(besideRuntime) ? besideRuntime : exe;
    }

    /// <summary>A plugin output folder must hold a dll and its .deps.json (what the loader looks for).</summary>
    private static string PluginFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{folder} is missing: build the solution first (dotnet build LuceneReco.sln -c {Configuration})");
        if (Directory.GetFiles(folder, "*.deps.json").Length == 0 || Directory.GetFiles(folder, "*.dll").Length == 0)
            throw new FileNotFoundException($"{folder} holds no plugin: expected a .dll and its .deps.json");
        return folder;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LuceneReco.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"LuceneReco.sln not found above {AppContext.BaseDirectory}");
    }

    private static string TargetFrameworkFolder()
    {
        var name = typeof(BuildOutputs).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        var version = new FrameworkName(name).Version;
        return $"net{version.Major}.{version.Minor}";
    }
}
