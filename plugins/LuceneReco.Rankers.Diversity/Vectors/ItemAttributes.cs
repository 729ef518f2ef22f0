using LuceneReco.Rankers.Diversity.Core;

namespace LuceneReco.Rankers.Diversity.Vectors;

/// <summary>
/// Keyword attributes of one request's candidates: per field, each candidate's distinct values (as read, for
/// explanations) and their ids, ascending (the request's own ids, per field). An empty list means the candidate has no value.
/// </summary>
internal sealed class ItemAttributes
{
    private readonly Dictionary<string, int> _fieldIndex;
    private readonly string[][] _valueNames;

    public ItemAttributes(string[] fields, int[][][] ids, string[][][] values, string[][] valueNames)
    {
        Fields = fields;
        Ids = ids;
        Values = values;
        _valueNames = valueNames;
        ValueCounts = Array.ConvertAll(valueNames, v => v.Length);
        _fieldIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int f = 0; f < fields.Length; f++) _fieldIndex[fields[f]] = f;
    }

    /// <summary>The attribute fields, in the order given.</summary>
    public string[] Fields { get; }

    /// <summary><c>Ids[field][candidate]</c>: the value ids, ascending.</summary>
    public int[][][] Ids { get; }

    /// <summary><c>Values[field][candidate]</c>: the values, in the order of <see cref="Ids"/>.</summary>
    public string[][][] Values { get; }

    /// <summary>Per field, how many distinct values the candidates have.</summary>
    public int[] ValueCounts { get; }

    public int Count => Fields.Length == 0 ? 0 : Ids[0].Length;

    public int IndexOf(string field) => _fieldIndex.TryGetValue(field, out int f) ? f : -1;

    /// <summary>The value with id <paramref name="id"/> in field <paramref name="f"/>.</summary>
    public string ValueOf(int f, int id) => _valueNames[f][id];

    /// <summary>Field <paramref name="f"/> as groups: each value a group, and a group of its own (id at or above the value count) for each candidate without a value.</summary>
    public GroupColumn Groups(int f)
    {
        int n = Count, next = ValueCounts[f];
        var groups = new int[n][];
        var missing = new bool[n];
        for (int i = 0; i < n; i++)
        {
            if (Ids[f][i].Length > 0) groups[i] = Ids[f][i];
            else
            {
                groups[i] = [next++];
                missing[i] = true;
            }
        }
        return new GroupColumn(groups, next, missing);
    }
}
