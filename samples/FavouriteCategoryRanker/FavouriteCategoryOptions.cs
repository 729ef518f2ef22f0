namespace FavouriteCategory;

/// <summary>The "options" of a pipeline step using "favourite-category", e.g. <c>{ "field": "category", "boost": 0.5 }</c>.</summary>
public sealed class FavouriteCategoryOptions
{
    /// <summary>The item field holding the category.</summary>
    /// <value>The default is "category".</value>
    public string Field { get; set; } = "category";

    /// <summary>Added to the score of every candidate in the favourite category; negative demotes.</summary>
    /// <value>The default is 0.5.</value>
    public double Boost { get; set; } = 0.5;

    /// <summary>How many of the user's most recent interactions to read when the request names no favourite.</summary>
    /// <value>The default is 200. At least 1.</value>
    public int MaxInteractions { get; set; } = 200;

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Field)) problems.Add("field must be a field name");
        if (!double.IsFinite(Boost)) problems.Add($"boost must be a finite number (was {Boost})");
        if (MaxInteractions < 1) problems.Add($"maxInteractions must be at least 1 (was {MaxInteractions})");
        if (problems.Count > 0) throw new ArgumentException("favourite-category: " + string.Join("; ", problems));
    }
}
