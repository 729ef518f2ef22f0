using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LuceneReco.LoadTest;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.EndToEnd;

/// <summary>Runs only where the repository is a git checkout (CI's clean clone is one), since it clones it.</summary>
internal sealed class RequiresGitCheckoutFactAttribute : FactAttribute
{
    public RequiresGitCheckoutFactAttribute()
    {
        if (!Directory.Exists(Path.Combine(BuildOutputs.RepositoryRoot, ".git")))
            Skip = $"{BuildOutputs.RepositoryRoot} is not a git checkout, so there is nothing to clone";
    }
}

/// <summary>
/// What a newcomer does, from a clean clone of the committed tree: <c>./run.sh demo --no-serve</c> (which builds everything
/// itself), then <c>serve</c> on the demo's data with no plugin folder or pipeline file written by hand. A sample user
/// gets collaborative results with readable reasons, a stranger gets the trending fallback (with a place for a new item), and "similar items" fuse
/// item-kNN neighbours with content.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class DemoFromCleanCloneTests(ITestOutputHelper output)
{
    [RequiresGitCheckoutFact]
    public async Task Demo_ThenServe_FromACleanClone_GivesCollaborativeListsWithReasons_AndAFallbackForStrangers()
    {
        var work = Directory.CreateTempSubdirectory("lucenereco-clone-").FullName;
        try
        {
            string clone = Path.Combine(work, "LuceneReco");
            Run("git", ["clone", "--quiet", BuildOutputs.RepositoryRoot, clone], work, TimeSpan.FromMinutes(2));
            string shared = Path.Combine(BuildOutputs.RepositoryRoot, "..", "shared"); // as beside the real checkout, for ../shared paths
            if (Directory.Exists(shared)) Directory.CreateSymbolicLink(Path.Combine(work, "shared"), Path.GetFullPath(shared));

            string demo = Run("bash", ["run.sh", "demo", "--no-serve"], clone, TimeSpan.FromMinutes(15));
            Assert.Contains("== Train again: the erased user is in no model", demo);
            Assert.Contains("$ ./lucenereco search --index .demo/index --query '\"command line\"' --filter category=books --k 3", demo);

            string host = Path.Combine(clone, ".build", "host", "lucenereco.dll");
            using var server = await ServerProcess.StartAsync(host,
                ["--index", Path.Combine(clone, ".demo", "index"), "--store", Path.Combine(clone, ".demo", "events.db"), "--urls", "http://127.0.0.1:0"],
                TimeSpan.FromMinutes(2));
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

            var known = await Json(await http.PostAsJsonAsync("/recommend", new { userId = "u05", k = 5, explain = true }));
            Assert.Equal("recommend", known.GetProperty("pipeline").GetString());
            var lines = Lines(known);
            output.WriteLine(string.Join("\n", lines));
            Assert.Equal(5, known.GetProperty("items").GetArrayLength());
            Assert.Contains(lines, l => l.StartsWith("als: because you rated ", StringComparison.Ordinal) || l.StartsWith("itemknn: because you rated ", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains(" = ", StringComparison.Ordinal)); // the arithmetic is in "debug"

            var stranger = await Json(await http.PostAsJsonAsync("/recommend", new { userId = "someone-new", k = 5, explain = true }));
            Assert.Equal(5, stranger.GetProperty("items").GetArrayLength());
            var strangerItems = stranger.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("explanation").EnumerateArray().Select(e => e.GetString()!).ToList()).ToList();
            Assert.All(strangerItems.Take(4), reasons => Assert.Contains("popular: trending now", reasons));
            // the sample has items no one has chosen yet: the fifth place goes to the newest of them
            Assert.Contains(strangerItems[4], l => l.StartsWith("new-items: new here", StringComparison.Ordinal));

            Assert.Contains("<title>LuceneReco demo</title>", await http.GetStringAsync("/")); // the demo page (tested in a browser in LuceneReco.Web.Tests)

            var similar = await Json(await http.GetAsync("/items/b001/similar?k=10&explain=true"));
            var similarLines = Lines(similar);
            Assert.Contains(similarLines, l => l.StartsWith("similar: like \"The Quiet Orbit\"", StringComparison.Ordinal));
            Assert.Contains(similarLines, l => l.StartsWith("itemknn: ", StringComparison.Ordinal));
            Assert.Equal(0, server.Stop(TimeSpan.FromSeconds(15)));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static List<string> Lines(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("explanation").EnumerateArray()).Select(e => e.GetString()!).ToList();

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Runs <paramref name="file"/> in <paramref name="directory"/>; returns its output, failing with it when the exit code is not 0.</summary>
    private static string Run(string file, string[] arguments, string directory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalMinutes:0} min");
        }
        string text = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{text}");
        return text;
    }
}
