using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.LoadTest;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.EndToEnd;

/// <summary>
/// The plugin kit as a newcomer uses it: the walkthrough block of docs/plugins.md, run as it stands by bash in a scratch
/// folder outside the repository (pack the contract and the template to a folder feed, instantiate the template, run its
/// tests, build it against the package, copy it into the plugins folder of a running <c>lucenereco serve</c>), then the
/// server's answers show the new plugin loaded and its effect. The doc cannot drift from what works.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class PluginKitEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const string Config = """
        {
          "defaultPipeline": "default",
          "pipelines": {
            "default": {
              "recall": [ { "source": "search", "size": 200 } ],
              "fusion": "rrf",
              "stages": [ { "ranker": "shout", "budgetMs": 5000, "options": { "field": "category", "value": "films", "boost": 1 } } ]
            }
          }
        }
        """;

    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Walkthrough_BuildsAPluginFromTheTemplateOutsideTheRepository_AndTheServerServesIt()
    {
        var kit = Directory.CreateDirectory(_files.PathOf("kit")).FullName;
        Assert.False(kit.StartsWith(TestFiles.RepositoryRoot, StringComparison.Ordinal), "the scratch folder must be outside the repository");
        var index = _files.PathOf("index");
        CliRun.Of("index", "build", "--index", index, "--items", TestFiles.Sample("catalogue.tsv")).AssertOk();
        var plugins = Directory.CreateDirectory(_files.PathOf("plugins")).FullName;
        using var server = await ServerProcess.StartAsync(BuildOutputs.HostDll,
            ["--index", index, "--plugins", plugins, "--config", _files.Write("pipelines.json", Config), "--data", _files.PathOf("data"), "--urls", "http://127.0.0.1:0"],
            TimeSpan.FromSeconds(60));
        try
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var before = await GetJson(http, "/search?q=space&k=20&explain=true");
            Assert.Equal("shout", Assert.Single(before.GetProperty("skippedStages").EnumerateArray()).GetProperty("stage").GetString());
            Assert.False(FilmsFirst(before), "precondition: without the plugin the films do not all come first");

            RunWalkthrough(kit, plugins);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!(await GetJson(http, "/plugins")).EnumerateArray().Any(p => p.GetProperty("name").GetString() == "shout" && p.GetProperty("state").GetString() == "loaded"))
            {
                Assert.True(DateTime.UtcNow < deadline, $"shout was not loaded within 30 s: {await http.GetStringAsync("/plugins")}");
                await Task.Delay(100);
            }
            var after = await GetJson(http, "/search?q=space&k=20&explain=true");
            Assert.Equal(0, after.GetProperty("skippedStages").GetArrayLength());
            Assert.Equal("1.0.0.0", after.GetProperty("plugins").GetProperty("shout").GetString());
            Assert.True(FilmsFirst(after), $"the films should come first: {string.Join(", ", Categories(after))}");
            var film = after.GetProperty("items").EnumerateArray().First();
            Assert.Contains("shout: moved up: its category is films", film.GetProperty("explanation").EnumerateArray().Select(l => l.GetString()));
            Assert.False(File.Exists(Path.Combine(plugins, "shout", "LuceneReco.Plugins.Abstractions.dll")), "the contract must not be copied into the plugin folder");
        }
        finally
        {
            output.WriteLine(server.StandardError);
        }
    }

    /// <summary>Runs the <c>sh</c> block after <c>&lt;!-- walkthrough --&gt;</c> in docs/plugins.md with bash -e, isolated from the user's templates and package cache.</summary>
    private void RunWalkthrough(string kit, string plugins)
    {
        var doc = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "docs", "plugins.md"));
        int marker = doc.IndexOf("<!-- walkthrough -->", StringComparison.Ordinal);
        Assert.True(marker >= 0, "docs/plugins.md has no walkthrough marker");
        int start = doc.IndexOf("```sh\n", marker, StringComparison.Ordinal) + "```sh\n".Length;
        var script = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.Contains("dotnet new lucenereco-ranker", script);
        var path = Path.Combine(kit, "walkthrough.sh");
        File.WriteAllText(path, "set -euxo pipefail\n" + script);

        var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p : Path.Combine(home, ".nuget", "packages");
        var start_ = new ProcessStartInfo("bash", [path]) { WorkingDirectory = TestFiles.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start_.Environment["KIT"] = kit;
        start_.Environment["PLUGINS"] = plugins;
        start_.Environment["DOTNET_CLI_HOME"] = Path.Combine(kit, "home"); // its own template hive: the user's templates are left alone
        start_.Environment["NUGET_PACKAGES"] = Path.Combine(kit, "packages"); // the contract package restored here, never cached for the user
        start_.Environment["RestoreAdditionalProjectFallbackFolders"] = userPackages; // xunit and the test SDK from the user's cache, offline
        start_.Environment["DOTNET_NOLOGO"] = "1";
        start_.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start_.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "VSTEST_HOST_DEBUG" }) start_.Environment.Remove(name);
        using var process = Process.Start(start_)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the walkthrough did not finish within 15 minutes:\n" + log);
        }
        process.WaitForExit();
        output.WriteLine(log.ToString());
        Assert.True(process.ExitCode == 0, $"the walkthrough failed (exit {process.ExitCode}):\n{log}");
    }

    private static IEnumerable<string> Categories(JsonElement response) =>
        response.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fields").GetProperty("category").GetString()!);

    /// <summary>Whether every film of the list comes before every other item (and there are both).</summary>
    private static bool FilmsFirst(JsonElement response)
    {
        var categories = Categories(response).ToList();
        int films = categories.Count(c => c == "films");
        return films > 0 && films < categories.Count && categories.Take(films).All(c => c == "films");
    }

    private static async Task<JsonElement> GetJson(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }
}
