using System.Text.RegularExpressions;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Profiles;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Pipelines;
using LuceneReco.Index.Analysis;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Profiles;

/// <summary>The interest profile says what the <c>profile</c> recall source searches with: its items, weights, words and times.</summary>
public sealed class UserProfileBuilderTests(SampleIndexFixture index) : IClassFixture<SampleIndexFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryInteractionStore _store = new();

    private UserProfile? Build(string user, ServingConfig? config = null, int max = 10) =>
        UserProfileBuilder.Build(LuceneReco.Index.Backends.NativeRecallIndex.View(index.Reader), _store, config ?? ServingConfig.BuiltIn, user, max);

    [Fact]
    public void Build_UserWithoutEvents_ReturnsNull()
    {
        _store.Add(new Interaction("someone", "b001", "view", 1, T0));
        Assert.Null(Build("nobody"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Build_MaxOutOfRange_Throws(int max)
    {
        _store.Add(new Interaction("u", "b001", "view", 1, T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Build("u", max: max));
    }

    [Fact]
    public void Build_OneItem_ShowsItsWordsAsTheItemWritesThem()
    {
        _store.Add(new Interaction("u", "b001", "rating", 4, T0));
        var profile = Build("u", max: 100)!;

        var text = index.Reader.Stored(index.Reader.DocOf("b001")).Strings.Where(s => s.Field is "title" or "body").Select(s => s.Value).ToList();
        Assert.NotEmpty(profile.Terms);
        foreach (var term in profile.Terms) // a surface word of the item, never a stem ("decays", not "decai")
            Assert.True(text.Any(t => Regex.IsMatch(t, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(term.Word)}(?![\p{{L}}\p{{N}}])")), $"\"{term.Word}\" is not a word of b001");
        var orbit = Assert.Single(profile.Terms, t => t.Word == "Orbit"); // the title's case; title and body are one entry
        Assert.Equal(["title", "body"], orbit.Fields); // in the schema's order
        Assert.Contains(profile.Terms, t => t.Word == "decays");
        Assert.All(profile.Terms, t => Assert.Equal(T0, t.LastEvent));
        Assert.InRange(profile.Terms.Sum(t => t.Weight), 0.999, 1.001); // shares of the query's weights
        Assert.Equal("The Quiet Orbit", Assert.Single(profile.Items).Title);
        Assert.Equal(1, profile.ProfileItems);
        Assert.StartsWith("Recommendations for u lean on the words ", profile.Summary);
        Assert.EndsWith(", on books, and most of all on The Quiet Orbit (rated).", profile.Summary);
    }

    [Fact]
    public void Build_Items_AreWeightedByTheEventWeightAndTheProfileDecay_NewestFirst()
    {
        _store.Add(new Interaction("u", "b001", "view", 1, T0));
        _store.Add(new Interaction("u", "f059", "view", 1, T0.AddHours(1)));
        _store.Add(new Interaction("u", "b002", "play", 3, T0.AddHours(2)));
        var profile = Build("u")!;

        double[] raw = [ProfileRecallSource.Decayed(3, 0), ProfileRecallSource.Decayed(1, 1), ProfileRecallSource.Decayed(1, 2)];
        Assert.Equal(["b002", "f059", "b001"], profile.Items.Select(i => i.Id));
        for (int i = 0; i < raw.Length; i++) Assert.Equal(raw[i] / raw.Sum(), profile.Items[i].Weight, 4);
        Assert.Equal(["play", "view", "view"], profile.Items.Select(i => i.Kind));
        Assert.Equal([T0.AddHours(2), T0.AddHours(1), T0], profile.Items.Select(i => i.LastEvent));
        Assert.Equal(3, profile.Events);
    }

    [Fact]
    public void Build_RepeatedItem_TheNewestEventGivesItsWeightAndTime()
    {
        _store.Add(new Interaction("u", "b001", "view", 1, T0));
        _store.Add(new Interaction("u", "f059", "view", 1, T0.AddHours(1)));
        _store.Add(new Interaction("u", "b001", "purchase", 5, T0.AddHours(2)));
        var profile = Build("u")!;

        Assert.Equal(2, profile.ProfileItems);
        var b001 = profile.Items[0];
        Assert.Equal(("b001", "purchase", T0.AddHours(2)), (b001.Id, b001.Kind, b001.LastEvent));
        double first = ProfileRecallSource.Decayed(5, 0), second = ProfileRecallSource.Decayed(1, 1);
        Assert.Equal(first / (first + second), b001.Weight, 4);
    }

    [Fact]
    public void Build_ItemWhoseNewestEventHasNoWeight_IsLeftOut_AsTheRunnerLeavesItOut()
    {
        _store.Add(new Interaction("u", "b001", "view", 2, T0));
        _store.Add(new Interaction("u", "f059", "view", 1, T0.AddHours(1)));
        _store.Add(new Interaction("u", "b001", "dislike", 0, T0.AddHours(2)));
        _store.Add(new Interaction("u", "gone", "view", 1, T0.AddHours(3))); // not in the index
        var profile = Build("u")!;

        Assert.Equal(["f059"], profile.Items.Select(i => i.Id));
        Assert.Equal(4, profile.Events);
    }

    [Fact]
    public void Build_Categories_SplitTheItemsWeights_AndAddUpToOne()
    {
        _store.Add(new Interaction("u", "f059", "view", 1, T0));
        _store.Add(new Interaction("u", "b001", "view", 1, T0.AddHours(1)));
        _store.Add(new Interaction("u", "b002", "view", 1, T0.AddHours(2)));
        var profile = Build("u")!;

        Assert.Equal(["books", "films"], profile.Categories.Select(c => c.Category));
        Assert.Equal([2, 1], profile.Categories.Select(c => c.Items));
        Assert.Equal([T0.AddHours(2), T0], profile.Categories.Select(c => c.LastEvent));
        Assert.Equal(1, profile.Categories.Sum(c => c.Weight), 3);
    }

    [Fact]
    public async Task Build_Words_AreTheOnesTheProfileSourceMatchesResultsOn()
    {
        _store.Add(new Interaction("u", "b001", "view", 1, T0));
        _store.Add(new Interaction("u", "b003", "rating", 5, T0.AddHours(1)));
        _store.Add(new Interaction("u", "f059", "view", 2, T0.AddHours(2)));
        var config = ServingConfig.BuiltIn with
        {
            DefaultPipeline = "profile-only",
            RecommendPipeline = "profile-only",
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["profile-only"] = new() { Recall = [new RecallStep { Source = "profile", Size = 50, MaxQueryTerms = 12 }] },
            },
        };
        var profile = Build("u", config, max: 100)!;
        Assert.True(profile.ProfileInPipeline);
        Assert.InRange(profile.Terms.Count, 1, 12); // the step's maxQueryTerms, not the default 25

        using var files = new TestFiles();
        using var host = new ServingHost(new FixedIndexView(index.Reader), _store, new FakeCatalog(), ServingConfigSource.Fixed(config),
            TimeProvider.System, files.PathOf("data"), _ => { });
        var result = await host.Runner.RunAsync(new PipelineRequest { UserId = "u", K = 50, Explain = true });
        var english = Analyzers.ByName("english");
        var profileStems = profile.Terms.SelectMany(t => english.Terms(t.Word)).ToHashSet(StringComparer.Ordinal);
        var matchedStems = result.Items.SelectMany(i => i.Reasons).Where(r => r.Source == "profile")
            .SelectMany(r => r.Terms ?? []).SelectMany(w => english.Terms(w)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(matchedStems);
        Assert.Subset(profileStems, matchedStems); // every word a result was recalled for is in the profile
    }

    [Fact]
    public void Build_PipelineWithoutAProfileStep_SaysTheWordsRecallNothingThere()
    {
        _store.Add(new Interaction("u", "b001", "view", 1, T0));
        var config = ServingConfig.BuiltIn with
        {
            RecommendPipeline = "collaborative",
            Pipelines = new Dictionary<string, PipelineDefinition>(ServingConfig.BuiltIn.Pipelines)
            {
                ["collaborative"] = new() { Recall = [new RecallStep { Source = "als" }] },
            },
        };
        var profile = Build("u", config)!;
        Assert.Equal("collaborative", profile.Pipeline);
        Assert.False(profile.ProfileInPipeline);
        Assert.Contains("The pipeline 'collaborative' has no profile step", profile.Summary);
    }
}
