using System.CommandLine;
using System.Globalization;
using System.Text;
using LuceneReco.Host.Offline.Evaluation;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>eval --sweep STAGE.OPTION=v1,v2,... --out DIR</c>: the pipeline is run once per value (on the same split and the same
/// trained models) beside the reference systems, and the accuracy against diversity and fairness table is printed and written to
/// <c>DIR/sweep.tsv</c>, with the trade-off picture in <c>DIR/sweep.svg</c>.
/// </summary>
internal sealed class EvalSweep
{
    public Option<string> Sweep { get; } = new("--sweep")
    { Description = "Run the pipeline once per value of one stage option, e.g. mmr.lambda=0.3,0.5,0.7, and report the trade-off.", HelpName = "STAGE.OPTION=V1,V2,..." };

    public Option<string> Out { get; } = new("--out")
    { Description = "With --sweep: the folder for sweep.tsv and sweep.svg (created if missing).", HelpName = "DIR" };

    public void AddTo(Command command)
    {
        command.Options.Add(Sweep);
        command.Options.Add(Out);
    }

    /// <summary>The sweep asked for, or null.</summary>
    /// <exception cref="UsageException">A malformed sweep, or <c>--out</c> without <c>--sweep</c>.</exception>
    public SweepSpec? Bind(ParseResult parse)
    {
        string? text = parse.GetValue(Sweep);
        if (text is null)
        {
            if (parse.GetValue(Out) is not null) throw new UsageException("--out needs --sweep");
            return null;
        }
        try
        {
            return SweepSpec.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The sweep table: one line per system, tab-separated, with a header line; NaN as "nan".</summary>
    public static string Table(IReadOnlyList<SweepRow> rows, int k)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append("system\tvalue\tndcg10\trecall").Append(k.ToString(c));
        foreach (var m in SweepRow.Metrics) text.Append('\t').Append(m.Column);
        text.Append('\n');
        foreach (SweepRow row in rows)
        {
            text.Append(row.Name).Append('\t').Append(row.Value ?? "-").Append('\t').Append(Number(row.Ndcg)).Append('\t').Append(Number(row.Recall));
            foreach (var m in SweepRow.Metrics) text.Append('\t').Append(Number(m.Read(row)));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Prints the table aligned and, with <c>--out</c>, writes <c>sweep.tsv</c> and <c>sweep.svg</c> there.</summary>
    public void Report(ParseResult parse, TextWriter output, string title, IReadOnlyList<SweepRow> rows, int k)
    {
        string table = Table(rows, k);
        foreach (string line in table.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] cells = line.Split('\t');
            var aligned = new StringBuilder(cells[0].PadRight(28));
            for (int i = 1; i < cells.Length; i++) aligned.Append(' ').Append(cells[i].PadLeft(i == 1 ? 6 : Math.Max(8, Math.Min(cells[i].Length, 14))));
            output.WriteLine(aligned.ToString().TrimEnd());
        }
        if (parse.GetValue(Out) is not { } folder) return;
        Directory.CreateDirectory(folder);
        WriteAtomically(Path.Combine(folder, "sweep.tsv"), table);
        WriteAtomically(Path.Combine(folder, "sweep.svg"), TradeOffPlot.Svg(title, rows));
        output.WriteLine($"wrote {Path.Combine(folder, "sweep.tsv")} and {Path.Combine(folder, "sweep.svg")}");
    }

    private static void WriteAtomically(string path, string text)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    private static string Number(double v) => double.IsNaN(v) ? "nan" : v.ToString("0.0000", CultureInfo.InvariantCulture);
}
