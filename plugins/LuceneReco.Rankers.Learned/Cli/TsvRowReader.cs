using System.Globalization;
using LuceneReco.Rankers.Learned.Features;

namespace LuceneReco.Rankers.Learned.Cli;

/// <summary>A bad TSV input: the message names the file and the line or column.</summary>
internal sealed class TsvInputException(string message) : FormatException(message);

/// <summary>
/// Reads rows of features from TSV: a header of feature names (any order; each must be one of the schema's features and
/// every feature must have a column), then one row per line, an empty cell missing. Values are normalised as the schema says.
/// </summary>
internal sealed class TsvRowReader
{
    private readonly TextReader _reader;
    private readonly string _name;
    private readonly FeatureSchema _schema;
    private readonly int[] _featureOfColumn;
    private int _line = 1;

    private TsvRowReader(TextReader reader, string name, FeatureSchema schema, int[] featureOfColumn)
    {
        _reader = reader;
        _name = name;
        _schema = schema;
        _featureOfColumn = featureOfColumn;
    }

    /// <summary>Reads the header; a column that is not a feature, a feature given twice or not at all, throws naming it.</summary>
    public static TsvRowReader Open(TextReader reader, string name, FeatureSchema schema)
    {
        string? header = reader.ReadLine();
        if (header is null) throw new TsvInputException($"{name}: empty: expected a header of feature names");
        string[] columns = header.Split('\t');
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int f = 0; f < schema.Count; f++) index[schema.Names[f]] = f;
        var featureOfColumn = new int[columns.Length];
        var column = new int[schema.Count];
        Array.Fill(column, -1);
        for (int c = 0; c < columns.Length; c++)
        {
            string n = columns[c].Trim();
            if (!index.TryGetValue(n, out int f))
                throw new TsvInputException($"{name}: line 1: column {c + 1} '{n}' is not a feature of the model (its features: {string.Join(", ", schema.Names)})");
            if (column[f] >= 0) throw new TsvInputException($"{name}: line 1: column {c + 1} '{n}' repeats column {column[f] + 1}");
            column[f] = c;
            featureOfColumn[c] = f;
        }
        for (int f = 0; f < schema.Count; f++)
            if (column[f] < 0) throw new TsvInputException($"{name}: line 1: the header has no column for feature '{schema.Names[f]}'");
        return new TsvRowReader(reader, name, schema, featureOfColumn);
    }

    /// <summary>Fills up to <c>rows.Rows</c> rows; returns how many were read (0 at the end).</summary>
    public int Read(FeatureMatrix rows)
    {
        int r = 0;
        while (r < rows.Rows && _reader.ReadLine() is string line)
        {
            _line++;
            Span<double> x = rows.Row(r);
            int c = 0, start = 0;
            for (int end = 0; end <= line.Length; end++)
            {
                if (end < line.Length && line[end] != '\t') continue;
                if (c >= _featureOfColumn.Length)
                    throw new TsvInputException($"{_name}: line {_line}: more than the header's {_featureOfColumn.Length} columns");
                x[_featureOfColumn[c]] = Cell(line.AsSpan(start, end - start), c);
                c++;
                start = end + 1;
            }
            if (c != _featureOfColumn.Length)
                throw new TsvInputException($"{_name}: line {_line}: {c} columns, the header has {_featureOfColumn.Length}");
            _schema.Normalise(x);
            r++;
        }
        return r;
    }

    private double Cell(ReadOnlySpan<char> cell, int column)
    {
        cell = cell.Trim();
        if (cell.Length == 0) return double.NaN;
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
        throw new TsvInputException($"{_name}: line {_line}: column {column + 1} ('{_schema.Names[_featureOfColumn[column]]}'): '{cell}' is not a number");
    }
}
