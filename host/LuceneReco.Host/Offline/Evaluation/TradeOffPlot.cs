using System.Globalization;

namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>
/// The trade-off picture of a sweep as SVG: one small panel per metric of <see cref="SweepRow.Metrics"/>, NDCG@10 across and
/// the metric up; the swept runs joined in the order of their values and labelled with them, the reference systems as grey
/// points with their names. Each panel's axes span its own points (with a margin), printed at both ends.
/// </summary>
internal static class TradeOffPlot
{
    private const double PanelWidth = 330, PanelHeight = 230, Columns = 3;
    private const double Left = 52, Right = 16, Top = 34, Bottom = 40;

    /// <summary>The SVG document for <paramref name="rows"/> under <paramref name="title"/>.</summary>
    public static string Svg(string title, IReadOnlyList<SweepRow> rows)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(rows);
        var metrics = SweepRow.Metrics;
        int panelRows = (int)Math.Ceiling(metrics.Count / Columns);
        double width = PanelWidth * Columns, height = 40 + PanelHeight * panelRows + 24;
        var svg = new SvgWriter(width, height);
        svg.Rect(0, 0, width, height, "white");
        svg.Text(width / 2, 24, title, 15, "middle", bold: true);
        for (int m = 0; m < metrics.Count; m++)
        {
            double x0 = PanelWidth * (m % Columns), y0 = 40 + PanelHeight * (m / (int)Columns);
            Panel(svg, x0, y0, metrics[m].Title, rows, metrics[m].Read);
        }
        svg.Text(8, height - 8, "across: NDCG@10; blue: the swept runs in the order given, labelled by value; grey: reference systems", 10, fill: "#555");
        return svg.ToString();
    }

    private static void Panel(SvgWriter svg, double x0, double y0, string title, IReadOnlyList<SweepRow> rows, Func<SweepRow, double> read)
    {
        var points = new List<(SweepRow Row, double X, double Y)>();
        foreach (SweepRow row in rows)
            if (double.IsFinite(row.Ndcg) && double.IsFinite(read(row))) points.Add((row, row.Ndcg, read(row)));
        double plotLeft = x0 + Left, plotRight = x0 + PanelWidth - Right, plotTop = y0 + Top, plotBottom = y0 + PanelHeight - Bottom;
        svg.Text(x0 + PanelWidth / 2, y0 + 18, title, 11.5, "middle", bold: true);
        svg.Rect(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop, "#fafafa", "#bbb");
        if (points.Count == 0)
        {
            svg.Text((plotLeft + plotRight) / 2, (plotTop + plotBottom) / 2, "not measured", 11, "middle", "#888");
            return;
        }
        var (xMin, xMax) = Span(points.Select(p => p.X));
        var (yMin, yMax) = Span(points.Select(p => p.Y));
        double Px(double x) => plotLeft + (x - xMin) / (xMax - xMin) * (plotRight - plotLeft);
        double Py(double y) => plotBottom - (y - yMin) / (yMax - yMin) * (plotBottom - plotTop);
        svg.Text(plotLeft, plotBottom + 14, Number(xMin), 9.5, "start", "#555");
        svg.Text(plotRight, plotBottom + 14, Number(xMax), 9.5, "end", "#555");
        svg.Text((plotLeft + plotRight) / 2, plotBottom + 28, "NDCG@10", 10, "middle", "#555");
        svg.Text(plotLeft - 4, plotBottom, Number(yMin), 9.5, "end", "#555");
        svg.Text(plotLeft - 4, plotTop + 8, Number(yMax), 9.5, "end", "#555");

        var swept = points.Where(p => p.Row.Value is not null).Select(p => (Px(p.X), Py(p.Y))).ToList();
        if (swept.Count > 1) svg.Polyline(swept, "#2b6cb0");
        foreach (var (row, x, y) in points)
        {
            bool isSwept = row.Value is not null;
            string label = row.Value ?? row.Name;
            string tip = string.Create(CultureInfo.InvariantCulture, $"{row.Name}: NDCG@10 {x:0.0000}, {y:0.0000}");
            svg.Circle(Px(x), Py(y), isSwept ? 3.5 : 3, isSwept ? "#2b6cb0" : "#888", tip);
            bool nearRight = Px(x) > plotRight - 6 * label.Length - 8; // keep the label inside the panel
            svg.Text(nearRight ? Px(x) - 5 : Px(x) + 5, Py(y) - 5, label, 9, nearRight ? "end" : "start", isSwept ? "#1a4e8a" : "#666");
        }
    }

    /// <summary>The values' range widened by 8% on each side (or by 1% of the value, or 0.5, when all are equal).</summary>
    private static (double Min, double Max) Span(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values) { min = Math.Min(min, v); max = Math.Max(max, v); }
        double pad = max > min ? (max - min) * 0.08 : Math.Max(Math.Abs(max) * 0.01, 0.5);
        return (min - pad, max + pad);
    }

    private static string Number(double v) => v.ToString(Math.Abs(v) >= 100 ? "0" : "0.####", CultureInfo.InvariantCulture);
}
