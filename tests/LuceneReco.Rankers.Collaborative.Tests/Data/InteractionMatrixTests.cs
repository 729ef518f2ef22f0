using LuceneReco.Rankers.Collaborative.Data;
using static LuceneReco.Rankers.Collaborative.Tests.Support.Events;

namespace LuceneReco.Rankers.Collaborative.Tests.Data;

public sealed class InteractionMatrixTests
{
    [Fact]
    public void Build_StoresEachPairOnce_RowsAndColumnsAgree()
    {
        var m = InteractionMatrix.Build([E("u1", "b", 2), E("u1", "a"), E("u2", "b", 3), E("u1", "b", 1)]);

        Assert.Equal(["u1", "u2"], m.Users.Ids);
        Assert.Equal(["b", "a"], m.Items.Ids);
        Assert.Equal(3, m.NonZeros);
        Assert.Equal(4, m.EventCount);
        Assert.Equal([0, 1], m.UserItems(0).ToArray()); // ascending item numbers
        Assert.Equal([3f, 1f], m.UserValues(0).ToArray()); // b summed: 2 + 1
        Assert.Equal([0, 1], m.ItemUsers(0).ToArray());
        Assert.Equal([3f, 3f], m.ItemValues(0).ToArray());
        Assert.Equal([0], m.ItemUsers(1).ToArray());
    }

    [Theory]
    [InlineData(WeightAggregation.Sum, 9f)]
    [InlineData(WeightAggregation.Max, 5f)]
    [InlineData(WeightAggregation.Latest, 1f)]
    public void Aggregation_CombinesRepeatedEventsInTimeOrder(WeightAggregation aggregation, float expected)
    {
        // Listed out of time order: the newest (second 30) has weight 1.
        var m = InteractionMatrix.Build([E("u", "a", 3, second: 10), E("u", "a", 1, second: 30), E("u", "a", 5, second: 20)],
            new InteractionMatrixOptions { Aggregation = aggregation });

        Assert.Equal(expected, m.UserValues(0)[0]);
    }

    [Fact]
    public void Scaling_LogAndBinary_FollowTheirFormulas()
    {
        var log = InteractionMatrix.Build([E("u", "a", 3)], new InteractionMatrixOptions { Scaling = WeightScaling.Log, LogEpsilon = 0.5 });
        var binary = InteractionMatrix.Build([E("u", "a", 3)], new InteractionMatrixOptions { Scaling = WeightScaling.Binary });

        Assert.Equal((float)Math.Log(1 + 3 / 0.5), log.UserValues(0)[0], 6);
        Assert.Equal(1f, binary.UserValues(0)[0]);
    }

    [Fact]
    public void NonPreferences_AreDropped_AndTheirUsersAndItemsNotNumbered()
    {
        var m = InteractionMatrix.Build([E("u1", "a", 4), E("u2", "b", 2), E("u1", "c", 0), E("u3", "a", -1)],
            new InteractionMatrixOptions { MinWeight = 3 });

        Assert.Equal(["u1"], m.Users.Ids);
        Assert.Equal(["a"], m.Items.Ids);
        Assert.Equal(1, m.NonZeros);
    }

    [Fact]
    public void Options_Validate_ReportsEveryProblem()
    {
        var bad = new InteractionMatrixOptions { LogEpsilon = 0, MinWeight = double.NaN, Scaling = (WeightScaling)9 };

        List<string> errors = bad.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Throws<ArgumentException>(() => InteractionMatrix.Build([], bad));
    }

    [Fact]
    public void Preferences_FromEvents_MatchTheMatrix()
    {
        var options = new InteractionMatrixOptions { Aggregation = WeightAggregation.Latest, Scaling = WeightScaling.Log };
        var events = new[] { E("u", "a", 3, 1), E("u", "b", 2, 2), E("u", "a", 5, 3) };
        var m = InteractionMatrix.Build(events, options);

        List<WeightedItem> prefs = Preferences.FromEvents(events.Reverse(), options); // newest first, as a reader returns them

        Assert.Equal(2, prefs.Count);
        Assert.Equal(m.UserValues(0)[m.UserItems(0).IndexOf(m.Items.IndexOf("a"))], (float)prefs.Single(p => p.ItemId == "a").Weight);
        Assert.Equal(m.UserValues(0)[m.UserItems(0).IndexOf(m.Items.IndexOf("b"))], (float)prefs.Single(p => p.ItemId == "b").Weight);
    }
}
