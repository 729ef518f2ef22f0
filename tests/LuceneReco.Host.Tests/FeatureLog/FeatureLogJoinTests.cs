using LuceneReco.Host.FeatureLog;
using LuceneReco.Plugins;
using static LuceneReco.Host.Tests.FeatureLog.SqliteFeatureLogTests;

namespace LuceneReco.Host.Tests.FeatureLog;

/// <summary>Labels from later interactions: graded by kind or weight, within the window, to the newest list that showed the item.</summary>
public sealed class FeatureLogJoinTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static Interaction Event(string user, string item, string kind, double weight, TimeSpan after) => new(user, item, kind, weight, T0 + after);

    [Fact]
    public void Join_GradesByKind_TakesTheLargest_AndIgnoresEventsBeforeOrAfterTheWindow()
    {
        var lists = new[] { List("r1", "u", T0, 0, ("a", new()), ("b", new()), ("c", new()), ("d", new())) };
        var events = new[]
        {
            Event("u", "a", "click", 1, TimeSpan.FromMinutes(1)),
            Event("u", "a", "purchase", 1, TimeSpan.FromMinutes(5)),
            Event("u", "b", "click", 1, TimeSpan.FromMinutes(-5)),  // before the list
            Event("u", "c", "click", 1, TimeSpan.FromHours(30)),    // after a day
            Event("u", "d", "view", 1, TimeSpan.FromMinutes(2)),    // graded 0
            Event("other", "b", "purchase", 1, TimeSpan.FromMinutes(1)),
        };
        var labelled = FeatureLogJoin.Join(lists, events, LabelRules.Parse("click=1,purchase=3,view=0"), TimeSpan.FromDays(1));
        Assert.Equal([3.0, 0, 0, 0], Assert.Single(labelled).Labels);
    }

    [Fact]
    public void Join_EventGoesToTheNewestListThatShowedTheItem()
    {
        var lists = new[]
        {
            List("old", "u", T0, 0, ("a", new()), ("b", new())),
            List("new", "u", T0.AddMinutes(10), 0, ("b", new()), ("c", new())),
        };
        var events = new[] { Event("u", "b", "click", 1, TimeSpan.FromMinutes(11)), Event("u", "a", "click", 1, TimeSpan.FromMinutes(12)) };
        var labelled = FeatureLogJoin.Join(lists, events, LabelRules.Parse(LabelRules.Default), TimeSpan.FromDays(1));
        Assert.Equal([1.0, 0], labelled[0].Labels); // a: only the old list showed it
        Assert.Equal([1.0, 0], labelled[1].Labels); // b: the new list
    }

    [Fact]
    public void Join_RatingByWeight_AndAnonymousListsLeftOut()
    {
        var lists = new[] { List("r", "u", T0, 0, ("a", new()), ("b", new())), List("anon", null, T0, 0, ("a", new())) };
        var events = new[] { Event("u", "b", "rating", 4.5, TimeSpan.FromMinutes(1)), Event("u", "a", "stream", 1, TimeSpan.FromMinutes(1)) };
        var labelled = FeatureLogJoin.Join(lists, events, LabelRules.Parse("rating=weight,*=0.5"), TimeSpan.FromHours(1));
        Assert.Equal([0.5, 4.5], Assert.Single(labelled).Labels);
    }

    [Fact]
    public void LabelRules_BadEntries_ListsEveryProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => LabelRules.Parse("click=1,click=2,buy=-1,view,*=x"));
        Assert.Contains("kind 'click' is given twice", e.Message);
        Assert.Contains("the grade of 'buy'", e.Message);
        Assert.Contains("'view' is not KIND=GRADE", e.Message);
        Assert.Contains("the grade of '*'", e.Message);
    }

    [Fact]
    public void LabelledListFile_WritesHeaderWeightsAndMissingCells_WithoutLearnedFeatures()
    {
        using var files = new TestFiles();
        var lists = new[]
        {
            new LabelledList(List("r", "u", T0, 0, ("a", new() { ["x"] = 1, ["learned.score"] = 9 }), ("b", new() { ["y"] = 2 })), [1.0, 0]),
        };
        string path = files.PathOf("lists.tsv");
        var (rows, features) = LabelledListFile.Write(path, lists, bias: null, maxWeight: 20);
        Assert.Equal((2, 2), (rows, features));
        var lines = File.ReadAllLines(path);
        Assert.Equal("list\tserved\tlabel\tposition\tweight\tx\ty", lines[0]);
        Assert.Equal($"0\t{T0.ToUnixTimeMilliseconds()}\t1\t1\t1\t1\t", lines[1]);
        Assert.Equal($"0\t{T0.ToUnixTimeMilliseconds()}\t0\t2\t1\t\t2", lines[2]);
    }
}
