using System.Buffers;

namespace LuceneReco.Rankers.Learned.Features;

/// <summary>
/// Rows of feature values in model order, row-major in one pooled array (returned on dispose). A missing value is NaN,
/// never 0. Each row carries one more column, always 0, that tree leaves read so a walk can run a fixed number of steps.
/// </summary>
internal sealed class FeatureMatrix : IDisposable
{
    private double[] _values;

    /// <summary>Creates <paramref name="rows"/> rows of <paramref name="columns"/> features, every value missing.</summary>
    public FeatureMatrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        Rows = rows;
        Columns = columns;
        Stride = columns + 1;
        _values = ArrayPool<double>.Shared.Rent(Math.Max(1, rows * Stride));
        for (int r = 0; r < rows; r++)
        {
            Span<double> row = _values.AsSpan(r * Stride, Stride);
            row[..columns].Fill(double.NaN);
            row[columns] = 0;
        }
    }

    /// <summary>How many rows.</summary>
    public int Rows { get; }

    /// <summary>How many features per row.</summary>
    public int Columns { get; }

    /// <summary>The distance between rows in <see cref="Data"/>: <see cref="Columns"/> + 1.</summary>
    public int Stride { get; }

    /// <summary>The feature values of row <paramref name="row"/> (without the constant column).</summary>
    public Span<double> Row(int row)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"The row must be 0 to {Rows - 1}");
        return _values.AsSpan(row * Stride, Columns);
    }

    /// <summary>One value; NaN is missing.</summary>
    public double this[int row, int column]
    {
        get => Row(row)[CheckColumn(column)];
        set => Row(row)[CheckColumn(column)] = value;
    }

    /// <summary>Every row with its constant column, for the scorer: <c>Rows * Stride</c> values.</summary>
    internal Span<double> Data => _values.AsSpan(0, Rows * Stride);

    /// <summary>Rounds every present value to the nearest float, as XGBoost reads its input.</summary>
    internal void RoundToFloat()
    {
        Span<double> data = Data;
        for (int k = 0; k < data.Length; k++) data[k] = (float)data[k];
    }

    public void Dispose()
    {
        double[] values = Interlocked.Exchange(ref _values, []);
        if (values.Length > 0) ArrayPool<double>.Shared.Return(values);
    }

    private int CheckColumn(int column) =>
        (uint)column < (uint)Columns ? column : throw new ArgumentOutOfRangeException(nameof(column), column, $"The column must be 0 to {Columns - 1}");
}
