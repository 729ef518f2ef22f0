using LuceneReco.Host.Offline.Tuning;
using LuceneReco.Host.Tests.Offline;

namespace LuceneReco.Host.Tests.Offline.Tuning;

public sealed class ValidationSetTests
{
    [Fact]
    public void Create_ColdItems_AreOnlyInTheValidationPart_AndJudged()
    {
        using var data = new RecoData();
        var events = LuceneReco.Host.Interactions.InteractionFiles.ReadAll(data.InteractionsFile, DateTimeOffset.UnixEpoch);

        var warm = ValidationSet.Create(events, byTime: true, fraction: 0.2, seed: 3);
        var cold = ValidationSet.Create(events, byTime: true, fraction: 0.2, seed: 3, coldItems: 0.2);

        var fitItems = cold.Split.Train.Select(e => e.ItemId).ToHashSet();
        var held = cold.Split.Test.Select(e => e.ItemId).Where(i => !fitItems.Contains(i)).ToHashSet();
        Assert.Equal(6, held.Count); // round(30 * 0.2) items no model fits on
        Assert.Contains(cold.Relevant.Values, r => r.Overlaps(held));
        Assert.DoesNotContain(warm.Split.Test, e => !warm.Split.Train.Any(t => t.ItemId == e.ItemId));
    }

    [Fact]
    public void Create_TooFewItems_SaysWhatTuneNeeds()
    {
        var events = new List<LuceneReco.Plugins.Interaction>();
        for (int u = 0; u < 20; u++)
            for (int k = 0; k < 10; k++) events.Add(new($"u{u}", $"i{(u + k) % 12}", "view", 1, DateTimeOffset.UnixEpoch.AddSeconds(u * 100 + k))); // 12 items in all

        var e = Assert.Throws<TuneInputException>(() => ValidationSet.Create(events, byTime: true, fraction: 0.2, seed: 1));

        Assert.Contains("at least 20 items", e.Message);
    }

    [Fact]
    public void Create_MaxUsers_KeepsTheFirstOfTheSameSeededOrder()
    {
        using var data = new RecoData();
        var events = LuceneReco.Host.Interactions.InteractionFiles.ReadAll(data.InteractionsFile, DateTimeOffset.UnixEpoch);

        var all = ValidationSet.Create(events, byTime: true, fraction: 0.2, seed: 3);
        var sample = ValidationSet.Create(events, byTime: true, fraction: 0.2, seed: 3, maxUsers: 10);

        Assert.True(all.Users.Count > 10, $"the sample data judges {all.Users.Count} users");
        Assert.Equal(all.Users.Take(10), sample.Users);
        Assert.Equal(all.Share(0.5).Take(5), sample.Share(0.5));
        Assert.Contains("MaxValidationUsers must be at least 10, got 3",
            new TuneOptions { IndexDirectory = "x", Events = events, MaxValidationUsers = 3 }.Validate());
    }
}
