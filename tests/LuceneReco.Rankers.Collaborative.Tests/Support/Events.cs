using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Collaborative.Tests.Support;

/// <summary>Shorthands for building interactions in tests.</summary>
internal static class Events
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An event of <paramref name="user"/> on <paramref name="item"/> <paramref name="second"/> seconds after a fixed epoch.</summary>
    public static Interaction E(string user, string item, double weight = 1, int second = 0) =>
        new(user, item, "test", weight, Epoch.AddSeconds(second));
}
