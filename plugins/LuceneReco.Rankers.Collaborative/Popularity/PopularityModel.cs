using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Popularity;

/// <summary>
/// What everyone does, for users the engine knows nothing about: each item's <see cref="Popular"/> score (how many distinct
/// users interacted with it) and <see cref="Trending"/> score (<c>sum over its events of kindWeight(kind) * weight * 0.5^(age / halfLife)</c>,
/// age measured back from the newest event, so an older data set still has a "this week"). Items are kept in both orders.
/// </summary>
public sealed class PopularityModel
{
    /// <summary>The model kind in file names (<c>popular-vN.bin</c>).</summary>
    public const string Kind = "popular";

    private readonly int[] _byPopular;
    private readonly int[] _byTrending;

    private PopularityModel(IdMap items, float[] popular, float[] trending)
    {
        Items = items;
        Popular = popular;
        Trending = trending;
        _byPopular = Order(popular);
        _byTrending = Order(trending);
    }

    /// <summary>The items with at least one event.</summary>
    public IdMap Items { get; }

    /// <summary>Distinct users per item, by item number.</summary>
    public float[] Popular { get; }

    /// <summary>Time-decayed, kind-weighted event strength per item, by item number.</summary>
    public float[] Trending { get; }

    /// <summary>Counts <paramref name="events"/>; an event with a non-positive or non-finite weight counts for the popular score only.</summary>
    public static PopularityModel Train(IReadOnlyList<Interaction> events, PopularityOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        var items = new IdMap();
        var users = new List<HashSet<string>>();
        var trending = new List<double>();
        DateTimeOffset newest = DateTimeOffset.MinValue;
        foreach (var e in events) if (e.Timestamp > newest) newest = e.Timestamp;
        double halfLifeSeconds = options.HalfLifeDays * 86_400;
        foreach (var e in events)
        {
            int i = items.GetOrAdd(e.ItemId);
            if (i == users.Count)
            {
                users.Add(new HashSet<string>(StringComparer.Ordinal));
                trending.Add(0);
            }
            users[i].Add(e.UserId);
            double weight = double.IsFinite(e.Weight) && e.Weight > 0 ? e.Weight : 0;
            double age = Math.Max(0, (newest - e.Timestamp).TotalSeconds);
            trending[i] += options.KindWeight(e.Kind) * weight * Math.Pow(0.5, age / halfLifeSeconds);
        }
        var popular = new float[items.Count];
        var trend = new float[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            popular[i] = users[i].Count;
            trend[i] = (float)trending[i];
        }
        return new PopularityModel(items, popular, trend);
    }

    /// <summary>Item numbers best first by <paramref name="order"/>; ties by item id, so the order is deterministic.</summary>
    public ReadOnlySpan<int> Ranked(PopularityOrder order) => order == PopularityOrder.Trending ? _byTrending : _byPopular;

    internal void WritePayload(BinaryWriter w)
    {
        ModelCodec.WriteIds(w, Items);
        ModelCodec.WriteFloats(w, Popular);
        ModelCodec.WriteFloats(w, Trending);
    }

    internal static PopularityModel ReadPayload(BinaryReader r)
    {
        IdMap items = ModelCodec.ReadIds(r);
        float[] popular = ModelCodec.ReadFloats(r), trending = ModelCodec.ReadFloats(r);
        if (popular.Length != items.Count || trending.Length != items.Count)
            throw new InvalidDataException("popularity score counts do not agree with the item count");
        return new PopularityModel(items, popular, trending);
    }

    private int[] Order(float[] scores)
    {
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : string.CompareOrdinal(Items[a], Items[b]));
        return order;
    }
}
