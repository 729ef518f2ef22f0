using System.Diagnostics;
using System.Reflection;
using System.Text;
using LuceneReco.LoadTest;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.EndToEnd;

/// <summary>
/// <c>lucenereco</c> as a .NET tool, installed as docs/plugins.md says: <c>dotnet pack</c> the host into a folder, then
/// <c>dotnet tool install --tool-path DIR --add-source FOLDER LuceneReco</c> with no other package source (so it works
/// offline), and the installed command runs: <c>--help</c>, then an index built and searched with it.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class ToolInstallTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Configuration =
        typeof(ToolInstallTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string HostProject => Path.Combine(BuildOutputs.RepositoryRoot, "host", "LuceneReco.Host", "LuceneReco.Host.csproj");

    private readonly string _root = Directory.CreateTempSubdirectory("lucenereco-tool-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Why the host cannot be packed without a build here, or null when it can.</summary>
    internal static string? PackProblem()
    {
        var built = Path.Combine(BuildOutputs.RepositoryRoot, "host", "LuceneReco.Host", "bin", Configuration, "net10.0", "lucenereco.dll");
        var assets = Path.Combine(BuildOutputs.RepositoryRoot, "host", "LuceneReco.Host", "obj", "project.assets.json");
        if (!File.Exists(built) || !File.Exists(assets))
            return $"the host's build output {built} (or its restore, {assets}) is missing, so it cannot be packed without building: build tests/LuceneReco.Host.Tests -c {Configuration} first";
        return null;
    }

    [RequiresPackableHostFact]
    public void PackedTool_InstallsFromALocalFolderOffline_AndRuns()
    {
        var feed = Path.Combine(_root, "feed");
        var tools = Path.Combine(_root, "tools");
        Run("dotnet", ["pack", HostProject, "-c", Configuration, "--no-build", "-o", feed, "--nologo"]);
        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        Assert.Equal("LuceneReco.1.0.0.nupkg", Path.GetFileName(package));

        // Only the folder as a package source: nothing is fetched from a registry.
        var config = Path.Combine(_root, "nuget.config");
        File.WriteAllText(config, "<configuration><packageSources><clear /></packageSources></configuration>\n");
        var install = Run("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "--add-source", feed, "LuceneReco"]);
        Assert.Contains("'lucenereco'", install);

        var command = Path.Combine(tools, "lucenereco");
        Assert.True(File.Exists(command), $"no command {command} after the install:\n{install}");
        var help = Run(command, ["--help"]);
        Assert.Contains("Usage:", help);
        Assert.Contains("serve", help);

        var index = Path.Combine(_root, "index");
        Assert.Contains("indexed 200 items", Run(command, ["index", "build", "--index", index, "--items", BuildOutputs.SampleCatalogue]));
        Assert.Contains("The Quiet Orbit", Run(command, ["search", "--index", index, "--query", "orbit", "--k", "3"]));
    }

    [RequiresPackableHostFact]
    public void LibraryPackages_OfTheIndexAndTheContract_CarryTheirAssemblyReadmeAndMetadata()
    {
        var feed = Path.Combine(_root, "libraries");
        foreach (var project in new[] { Path.Combine("index", "LuceneReco.Index", "LuceneReco.Index.csproj"), Path.Combine("plugins", "LuceneReco.Plugins.Abstractions", "LuceneReco.Plugins.Abstractions.csproj") })
            Run("dotnet", ["pack", Path.Combine(BuildOutputs.RepositoryRoot, project), "-c", Configuration, "--no-build", "-o", feed, "--nologo"]);

        foreach (var (id, dependency) in new[] { ("LuceneReco.Index", "System.IO.Hashing"), ("LuceneReco.Plugins.Abstractions", (string?)null) })
        {
            var package = Path.Combine(feed, $"{id}.1.0.0.nupkg");
            Assert.True(File.Exists(package), $"no {package}: {string.Join(", ", Directory.GetFiles(feed))}");
            using var zip = System.IO.Compression.ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains($"lib/net10.0/{id}.dll", entries);
            Assert.Contains("README.md", entries);
            using var reader = new StreamReader(zip.GetEntry($"{id}.nuspec")!.Open());
            var nuspec = System.Xml.Linq.XDocument.Parse(reader.ReadToEnd());
            string Field(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
            Assert.Equal(id, Field("id"));
            Assert.Equal("1.0.0", Field("version"));
            Assert.True(Field("description").Length > 40, $"{id}: description '{Field("description")}'");
            Assert.Equal("LuceneReco contributors", Field("authors"));
            Assert.Equal("README.md", Field("readme"));
            Assert.NotEmpty(Field("tags"));
            if (dependency is not null)
                Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == dependency);
        }
    }

    /// <summary>Runs <paramref name="file"/> with its own CLI home and package folder under the scratch folder; returns stdout and stderr, failing on a non-zero exit.</summary>
    private string Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_HOME"] = Path.Combine(_root, "home");
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_root, "packages"); // the tool package unpacks here, not in the user's cache
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_ROOT"] = DotnetRoot(); // the tool's launcher finds the runtime the tests run on
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "VSTEST_HOST_DEBUG" }) start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish within 10 minutes:\n{log}");
        }
        process.WaitForExit();
        string text;
        lock (log) text = log.ToString();
        output.WriteLine($"$ {file} {string.Join(' ', arguments)}\n{text}");
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{text}");
        return text;
    }

    /// <summary>The folder of the dotnet that runs these tests (its runtime folder is DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION).</summary>
    private static string DotnetRoot() =>
        Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
}
