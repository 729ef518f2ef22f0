namespace LuceneReco.Index.Vectors;

/// <summary>
/// Which encoder made an index's dense vectors: its name and dimension. An index holds the vectors of one space;
/// a query vector from another space is refused rather than compared (the numbers would mean nothing).
/// </summary>
/// <param name="Model">The encoder's name as its provider reports it, e.g. "all-MiniLM-L6-v2".</param>
/// <param name="Dimension">The length of every vector.</param>
public sealed record VectorSpace(string Model, int Dimension)
{
    /// <summary>The largest dimension an index accepts.</summary>
    public const int MaxDimension = 4096;

    /// <summary>The model name, checked: non-empty, at most 200 characters.</summary>
    public string Model { get; } = !string.IsNullOrWhiteSpace(Model) && Model.Length <= 200
        ? Model
        : throw new ArgumentOutOfRangeException(nameof(Model), Model, "the model name must be 1 to 200 characters");

    /// <summary>The dimension, checked: 1 to <see cref="MaxDimension"/>.</summary>
    public int Dimension { get; } = Dimension is >= 1 and <= MaxDimension
        ? Dimension
        : throw new ArgumentOutOfRangeException(nameof(Dimension), Dimension, $"the dimension must be 1 to {MaxDimension}");

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="other"/> is this space (saying both).</summary>
    public void RequireSame(VectorSpace other, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other != this)
            throw new ArgumentException(
                $"The vector comes from {other.Describe()}, but the index holds vectors of {Describe()}; encode it with the index's model.",
                parameterName);
    }

    /// <summary>"'all-MiniLM-L6-v2' (384 dimensions)".</summary>
    public string Describe() => $"'{Model}' ({Dimension.ToString(System.Globalization.CultureInfo.InvariantCulture)} dimensions)";
}
