using System.Globalization;
using LuceneReco.Rankers.Learned.Features;

namespace LuceneReco.Rankers.Learned.Tests.Support;

/// <summary>
/// One XGBoost fixture written by Fixtures/make_xgboost_fixtures.py: the model, the rows it scored, and XGBoost's own margins
/// (<c>predict(output_margin=True)</c>) and contributions (<c>pred_contribs=True</c>, last column the bias).
/// </summary>
internal sealed class Fixture
{
    private Fixture(string name, string[] features, double[][] rows, double[] margins, double[][] contributions)
    {
        Name = name;
        Features = features;
        Rows = rows;
        Margins = margins;
        Contributions = contributions;
    }

    public static readonly string[] XgboostNames = ["ndcg_missing", "pairwise_deep", "many_trees", "regression", "binary"];

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public string Name { get; }

    public string ModelPath => Path.Combine(Folder, Name + ".json");

    public string FeaturesPath => Path.Combine(Folder, Name + ".features.tsv");

    public string[] Features { get; }

    public double[][] Rows { get; }

    public double[] Margins { get; }

    /// <summary>Per row: one contribution per feature, then the bias.</summary>
    public double[][] Contributions { get; }

    public static Fixture Load(string name)
    {
        (string[] features, double[][] rows) = ReadTsv(Path.Combine(Folder, name + ".features.tsv"));
        (_, double[][] margins) = ReadTsv(Path.Combine(Folder, name + ".margins.tsv"));
        (_, double[][] contributions) = ReadTsv(Path.Combine(Folder, name + ".contribs.tsv"));
        return new Fixture(name, features, rows, Array.ConvertAll(margins, m => m[0]), contributions);
    }

    public FeatureMatrix Matrix()
    {
        var m = new FeatureMatrix(Rows.Length, Features.Length);
        for (int r = 0; r < Rows.Length; r++) Rows[r].CopyTo(m.Row(r));
        return m;
    }

    /// <summary>A header line, then rows of numbers; an empty cell is NaN.</summary>
    public static (string[] Header, double[][] Rows) ReadTsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split('\t');
        var rows = new double[lines.Length - 1][];
        for (int k = 1; k < lines.Length; k++)
            rows[k - 1] = Array.ConvertAll(lines[k].Split('\t'), c => c.Length == 0 ? double.NaN : double.Parse(c, CultureInfo.InvariantCulture));
        return (header, rows);
    }
}
