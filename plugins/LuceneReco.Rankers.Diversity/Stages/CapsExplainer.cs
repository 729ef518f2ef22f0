using LuceneReco.Rankers.Diversity.Core;
using LuceneReco.Rankers.Diversity.Vectors;

namespace LuceneReco.Rankers.Diversity.Stages;

/// <summary>
/// Says in words why <see cref="ConstraintReorder"/> moved a candidate: the cap that held it back, the coverage rule it was
/// pulled up for, or the candidate that passed it (for items that moved only because another one did).
/// </summary>
internal sealed class CapsExplainer
{
    private readonly ItemAttributes _attributes;
    private readonly IReadOnlyList<CapConstraint> _caps;
    private readonly IReadOnlyList<CoverageConstraint> _coverage;
    private readonly int[] _placeOf;
    private readonly int[] _order;
    private readonly Placement[] _placements;
    private readonly int[] _capField, _coverageField;

    /// <summary>Over one request's reordering; <c>capFields[r]</c> and <c>coverageFields[r]</c> are each rule's field index in the attributes.</summary>
    public CapsExplainer(ItemAttributes attributes, IReadOnlyList<CapConstraint> caps, int[] capFields, IReadOnlyList<CoverageConstraint> coverage, int[] coverageFields,
        int[] order, Placement[] placements)
    {
        _attributes = attributes;
        _caps = caps;
        _coverage = coverage;
        _order = order;
        _placements = placements;
        _placeOf = new int[order.Length];
        for (int place = 0; place < order.Length; place++) _placeOf[order[place]] = place;
        _capField = capFields;
        _coverageField = coverageFields;
    }

    /// <summary>The line for candidate <paramref name="i"/> (index = its old place), now at <paramref name="place"/>.</summary>
    public string Why(int i, int place)
    {
        string moved = Wording.Moved(i + 1, place + 1);
        Placement p = _placements[i];
        if (place < i)
        {
            if (p.Kind == PlacementKind.Coverage) return $"{moved}: adds {Coverage(p, i)} to {Wording.Top(_coverage[p.CoverageRule].Within)}";
            // Moved up without being pulled: something above it was held back by a cap.
            for (int j = 0; j < i; j++)
                if (_placeOf[j] > place && _placements[j].BlockedRule >= 0)
                    return $"{moved}: {Held(_placements[j])} were held back";
            return moved + ": items above it were held back by the diversity rules";
        }
        if (p.BlockedRule >= 0 && p.Kind != PlacementKind.Coverage) return $"{moved}: {Full(p)}";
        // Moved down without being held back: an item pulled up for coverage passed it.
        for (int q = 0; q < place; q++)
        {
            int j = _order[q];
            if (j > i && _placements[j].Kind == PlacementKind.Coverage)
                return $"{moved}: made room for an item that adds {Coverage(_placements[j], j)} to {Wording.Top(_coverage[_placements[j].CoverageRule].Within)}";
        }
        return moved + ": made room for items the diversity rules moved up";
    }

    /// <summary>"a second category (Drama)".</summary>
    private string Coverage(Placement p, int i)
    {
        int f = _coverageField[p.CoverageRule];
        string field = _attributes.Fields[f];
        string value = _coverage[p.CoverageRule].Groups.Missing[i] ? $"no {Wording.Noun(field)} given" : _attributes.ValueOf(f, p.CoverageGroup);
        return $"{Wording.Nth(p.CoverageCount, field)} ({value})";
    }

    /// <summary>"the top 10 already has 3 items with provider Acme".</summary>
    private string Full(Placement p)
    {
        CapConstraint cap = _caps[p.BlockedRule];
        int f = _capField[p.BlockedRule];
        string items = cap.Max == 1 ? "an item" : $"{cap.Max} items";
        return $"{Wording.Top(cap.Within)} already has {items} with {_attributes.Fields[f]} {_attributes.ValueOf(f, p.BlockedGroup)}";
    }

    /// <summary>"items above it with provider Acme (at most 3 in the top 10)".</summary>
    private string Held(Placement p)
    {
        CapConstraint cap = _caps[p.BlockedRule];
        int f = _capField[p.BlockedRule];
        return $"items above it with {_attributes.Fields[f]} {_attributes.ValueOf(f, p.BlockedGroup)} (at most {cap.Max} in {Wording.Top(cap.Within)})";
    }
}
