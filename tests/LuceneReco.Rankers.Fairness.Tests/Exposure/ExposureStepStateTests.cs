using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Fairness.Exposure;
using LuceneReco.Rankers.Fairness.Tests.Support;

namespace LuceneReco.Rankers.Fairness.Tests.Exposure;

/// <summary>The exposure state is kept per pipeline step as the host names it, and saved when the host disposes the stage.</summary>
public sealed class ExposureStepStateTests
{
    private static FakeServices Services(string dir, string? pipeline, string? step)
    {
        var s = new FakeServices(dir) { PipelineName = pipeline, StepName = step };
        for (int i = 0; i < 5; i++)
        {
            s.Catalog.Add("a" + i, "Big " + i, ("provider", "big"));
            s.Catalog.Add("b" + i, "Small " + i, ("provider", "small"));
        }
        return s;
    }

    private static ExposureStage Stage(ExposureRanker plugin, FakeServices services, string json = """{ "saveEveryRequests": null, "saveEverySeconds": null }""")
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return (ExposureStage)plugin.CreateStage(doc.RootElement.Clone(), services);
    }

    private static List<Candidate> Candidates()
    {
        var list = new List<Candidate>();
        for (int i = 0; i < 5; i++) list.Add(new Candidate("a" + i, 10 - i));
        for (int i = 0; i < 5; i++) list.Add(new Candidate("b" + i, 4 - i));
        return list;
    }

    [Fact]
    public void TwoExposureSteps_OfOnePlugin_KeepSeparateState_SavedOnDispose()
    {
        using var dir = new TempDir();
        var plugin = new ExposureRanker(); // one plugin instance serves both steps, as in the host
        var first = Stage(plugin, Services(dir.Path, "recommend", "exposure-home"));
        var second = Stage(plugin, Services(dir.Path, "recommend", "exposure-mail"));
        Assert.NotSame(first.Controller, second.Controller);
        for (int r = 0; r < 7; r++) Requests.Run(first, Requests.For(5), Candidates());
        Assert.Equal(7, first.Controller.Requests);
        Assert.Equal(0, second.Controller.Requests);

        string home = Path.Combine(dir.Path, "exposure", "recommend.exposure-home.json");
        Assert.False(File.Exists(home), "no periodic save was asked for");
        first.Dispose(); // what the host does to a replaced stage
        second.Dispose();
        Assert.True(File.Exists(home));

        // A restarted host (a new plugin instance) finds each step's own totals.
        using var again = Stage(new ExposureRanker(), Services(dir.Path, "recommend", "exposure-home"));
        using var otherAgain = Stage(new ExposureRanker(), Services(dir.Path, "recommend", "exposure-mail"));
        Assert.Equal(7, again.Controller.Requests);
        Assert.Equal(0, otherAgain.Controller.Requests);
    }

    [Fact]
    public void SameStepName_InTwoPipelines_KeepsSeparateState()
    {
        using var dir = new TempDir();
        var plugin = new ExposureRanker();
        using var a = Stage(plugin, Services(dir.Path, "home", "exposure"));
        using var b = Stage(plugin, Services(dir.Path, "search", "exposure"));
        Assert.NotSame(a.Controller, b.Controller);
    }

    [Fact]
    public void SameStep_Recreated_SharesItsController()
    {
        using var dir = new TempDir();
        var plugin = new ExposureRanker();
        using var a = Stage(plugin, Services(dir.Path, "home", "exposure"));
        using var b = Stage(plugin, Services(dir.Path, "home", "exposure"));
        Assert.Same(a.Controller, b.Controller);
    }

    [Theory]
    [InlineData("home", "exposure", null, "home.exposure")]
    [InlineData("home/v2", "fair exposure", null, "home_v2.fair_exposure")]
    [InlineData("home", "exposure", "mine", "mine")]
    [InlineData(null, null, null, "exposure")]
    [InlineData("home", null, null, "exposure")]
    public void StateFileName_StepOrGivenNameOrDefault(string? pipeline, string? step, string? stateName, string expected)
    {
        using var dir = new TempDir();
        var options = new ExposureOptions { StateName = stateName };
        Assert.Equal(expected, ExposureRanker.StateFileName(options, Services(dir.Path, pipeline, step)));
    }
}
