namespace MyRanker;

/// <summary>The "options" of a pipeline step using "my-ranker", e.g. <c>{ "field": "category", "value": "books", "boost": 1 }</c>.</summary>
public sealed class MyRankerOptions
{
    /// <summary>The item field to look at.</summary>
    /// <value>The default is "category".</value>
    public string Field { get; set; } = "category";

    /// <summary>The value of <see cref="Field"/> that earns the boost.</summary>
    /// <value>The default is <c>null</c>: off (the stage changes nothing).</value>
    public string? Value { get; set; }

    /// <summary>Added to the score of every candidate whose field holds <see cref="Value"/>; negative demotes.</summary>
    /// <value>The default is 1.</value>
    public double Boost { get; set; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option at once.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Field)) problems.Add("field must be a field name");
        if (Value is not null && Value.Trim().Length == 0) problems.Add("value must be text, or null for off");
        if (!double.IsFinite(Boost)) problems.Add($"boost must be a finite number, got {Boost.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (problems.Count > 0) throw new ArgumentException("my-ranker: " + string.Join("; ", problems));
    }
}
