using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Collaborative.Data;

/// <summary>
/// The sparse user x item matrix of preference strengths <c>r_ui</c>, stored twice in compressed sparse row form:
/// by user (a user's items, ascending) and by item (an item's users, ascending). Only users and items with at
/// least one positive strength are numbered, in order of their first event. Immutable.
/// </summary>
public sealed class InteractionMatrix
{
    private readonly int[] _userPtr, _userItems, _itemPtr, _itemUsers;
    private readonly float[] _userValues, _itemValues;

    private InteractionMatrix(IdMap users, IdMap items, int[] userPtr, int[] userItems, float[] userValues, InteractionMatrixOptions options, long eventCount)
    {
        Users = users;
        Items = items;
        _userPtr = userPtr;
        _userItems = userItems;
        _userValues = userValues;
        Options = options;
        EventCount = eventCount;
        (_itemPtr, _itemUsers, _itemValues) = Transpose(userPtr, userItems, userValues, items.Count);
    }

    /// <summary>The users, numbered.</summary>
    public IdMap Users { get; }

    /// <summary>The items, numbered.</summary>
    public IdMap Items { get; }

    /// <summary>How events became strengths.</summary>
    public InteractionMatrixOptions Options { get; }

    /// <summary>How many events were read (including ones that did not become a preference).</summary>
    public long EventCount { get; }

    /// <summary>Stored (user, item) pairs.</summary>
    public int NonZeros => _userItems.Length;

    /// <summary>The items of user <paramref name="u"/>, ascending.</summary>
    public ReadOnlySpan<int> UserItems(int u) => _userItems.AsSpan(_userPtr[u], _userPtr[u + 1] - _userPtr[u]);

    /// <summary>The strengths of user <paramref name="u"/>, parallel to <see cref="UserItems"/>.</summary>
    public ReadOnlySpan<float> UserValues(int u) => _userValues.AsSpan(_userPtr[u], _userPtr[u + 1] - _userPtr[u]);

    /// <summary>The users of item <paramref name="i"/>, ascending.</summary>
    public ReadOnlySpan<int> ItemUsers(int i) => _itemUsers.AsSpan(_itemPtr[i], _itemPtr[i + 1] - _itemPtr[i]);

    /// <summary>The strengths of item <paramref name="i"/>, parallel to <see cref="ItemUsers"/>.</summary>
    public ReadOnlySpan<float> ItemValues(int i) => _itemValues.AsSpan(_itemPtr[i], _itemPtr[i + 1] - _itemPtr[i]);

    /// <summary>Builds the matrix: events of one (user, item) are combined by <see cref="InteractionMatrixOptions.Aggregation"/> (in timestamp order) and scaled to a strength.</summary>
    public static InteractionMatrix Build(IEnumerable<Interaction> events, InteractionMatrixOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        options ??= new InteractionMatrixOptions();
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));

        var rawUsers = new IdMap();
        var rawItems = new IdMap();
        var keys = new List<long>();
        var weights = new List<double>();
        var times = new List<long>();
        foreach (Interaction e in events)
        {
            long key = ((long)rawUsers.GetOrAdd(e.UserId) << 32) | (uint)rawItems.GetOrAdd(e.ItemId);
            keys.Add(key);
            weights.Add(e.Weight);
            times.Add(e.Timestamp.UtcTicks);
        }

        // Group by (user, item), oldest first; the event index breaks timestamp ties so the result is deterministic.
        var order = new int[keys.Count];
        for (int k = 0; k < order.Length; k++) order[k] = k;
        Array.Sort(order, (a, b) =>
        {
            int c = keys[a].CompareTo(keys[b]);
            if (c != 0) return c;
            c = times[a].CompareTo(times[b]);
            return c != 0 ? c : a.CompareTo(b);
        });

        var pairUser = new List<int>();
        var pairItem = new List<int>();
        var pairValue = new List<float>();
        for (int k = 0; k < order.Length;)
        {
            long key = keys[order[k]];
            double aggregate = weights[order[k]];
            int next = k + 1;
            for (; next < order.Length && keys[order[next]] == key; next++)
                aggregate = options.Combine(aggregate, weights[order[next]], newer: true);
            float r = options.Strength(aggregate);
            if (r > 0)
            {
                pairUser.Add((int)(key >> 32));
                pairItem.Add((int)(key & 0xFFFFFFFF));
                pairValue.Add(r);
            }
            k = next;
        }

        // Number only users and items that kept a preference, in order of first event.
        int[] userNumber = Renumber(rawUsers.Count, pairUser, out IdMap users, rawUsers);
        int[] itemNumber = Renumber(rawItems.Count, pairItem, out IdMap items, rawItems);
        int[] userPtr = new int[users.Count + 1];
        foreach (int u in pairUser) userPtr[userNumber[u] + 1]++;
        for (int u = 0; u < users.Count; u++) userPtr[u + 1] += userPtr[u];
        var userItems = new int[pairUser.Count];
        var userValues = new float[pairUser.Count];
        int[] fill = (int[])userPtr.Clone();
        for (int p = 0; p < pairUser.Count; p++)
        {
            int at = fill[userNumber[pairUser[p]]]++;
            userItems[at] = itemNumber[pairItem[p]];
            userValues[at] = pairValue[p];
        }
        for (int u = 0; u < users.Count; u++)
            Array.Sort(userItems, userValues, userPtr[u], userPtr[u + 1] - userPtr[u]);
        return new InteractionMatrix(users, items, userPtr, userItems, userValues, options, keys.Count);
    }

    private static int[] Renumber(int rawCount, List<int> used, out IdMap map, IdMap raw)
    {
        var keep = new bool[rawCount];
        foreach (int x in used) keep[x] = true;
        var number = new int[rawCount];
        map = new IdMap();
        for (int x = 0; x < rawCount; x++) number[x] = keep[x] ? map.GetOrAdd(raw[x]) : -1;
        return number;
    }

    private static (int[] Ptr, int[] Index, float[] Values) Transpose(int[] ptr, int[] index, float[] values, int columns)
    {
        var tPtr = new int[columns + 1];
        foreach (int c in index) tPtr[c + 1]++;
        for (int c = 0; c < columns; c++) tPtr[c + 1] += tPtr[c];
        var tIndex = new int[index.Length];
        var tValues = new float[index.Length];
        int[] fill = (int[])tPtr.Clone();
        for (int row = 0; row + 1 < ptr.Length; row++)
            for (int p = ptr[row]; p < ptr[row + 1]; p++)
            {
                int at = fill[index[p]]++;
                tIndex[at] = row; // rows are visited ascending, so each column's rows come out sorted
                tValues[at] = values[p];
            }
        return (tPtr, tIndex, tValues);
    }
}
