namespace LuceneReco.Rankers.Collaborative.Common;

/// <summary>
/// The largest few contributions (history item, value) per candidate slot, in flat arrays allocated once per
/// request: <c>Add</c> keeps each slot's list sorted by value, largest first, by insertion.
/// </summary>
internal sealed class Contributions
{
    private readonly int[] _item;
    private readonly float[] _value;
    private readonly int[] _count;

    public Contributions(int slots, int perSlot)
    {
        PerSlot = perSlot;
        _item = new int[slots * perSlot];
        _value = new float[slots * perSlot];
        _count = new int[slots];
    }

    public int PerSlot { get; }

    public int Count(int slot) => _count[slot];

    public int Item(int slot, int rank) => _item[slot * PerSlot + rank];

    public float Value(int slot, int rank) => _value[slot * PerSlot + rank];

    /// <summary>Empties one slot, so a single-slot instance can be reused candidate after candidate.</summary>
    public void Reset(int slot) => _count[slot] = 0;

    public void Add(int slot, int item, float value)
    {
        if (PerSlot == 0) return;
        int start = slot * PerSlot, n = _count[slot];
        if (n == PerSlot && !(value > _value[start + n - 1])) return;
        int at = n < PerSlot ? n++ : n - 1;
        while (at > 0 && value > _value[start + at - 1])
        {
            _item[start + at] = _item[start + at - 1];
            _value[start + at] = _value[start + at - 1];
            at--;
        }
        _item[start + at] = item;
        _value[start + at] = value;
        _count[slot] = n;
    }
}
