using System.Reflection;
using System.Runtime.Versioning;

namespace LuceneReco.Host.Tests.Plugins;

/// <summary>
/// The real plugins built from tests/TestPlugins/ (and the sample) for the loader tests. The test project
/// references them with ReferenceOutputAssembly=false, so they are built first in the same configuration;
/// their output is found from the test assembly's own configuration and target framework.
/// </summary>
internal static class TestPlugin
{
    public const string Good = "GoodRanker";
    public const string GoodV2 = "GoodRankerV2";
    public const string Throwing = "ThrowingRanker";
    public const string Hanging = "HangingRanker";
    public const string Popular = "PopularSource";

    private static readonly string Configuration =
        typeof(TestPlugin).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static readonly string TargetFramework = TargetFrameworkFolder();

    /// <summary>The build output folder of test plugin <paramref name="project"/>.</summary>
    public static string OutputOf(string project) =>
        Existing(Path.Combine(TestFiles.RepositoryRoot, "tests", "TestPlugins", "bin", project, Configuration, TargetFramework));

    /// <summary>The build output folder of samples/FavouriteCategoryRanker.</summary>
    public static string SampleOutput =>
        Existing(Path.Combine(TestFiles.RepositoryRoot, "samples", "FavouriteCategoryRanker", "bin", Configuration, TargetFramework));

    /// <summary>Copies the files of <paramref name="output"/> into <c>&lt;pluginsFolder&gt;/&lt;name&gt;</c>, overwriting; returns that folder.</summary>
    public static string Install(string output, string pluginsFolder, string name) =>
        LuceneReco.LoadTest.BuildOutputs.InstallPlugin(output, pluginsFolder, name);

    private static string Existing(string folder) => Directory.Exists(folder)
        ? folder
        : throw new DirectoryNotFoundException($"{folder} is missing: build the solution first (dotnet build LuceneReco.sln -c {Configuration})");

    private static string TargetFrameworkFolder()
    {
        var name = typeof(TestPlugin).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        var version = new FrameworkName(name).Version;
        return $"net{version.Major}.{version.Minor}";
    }
}
