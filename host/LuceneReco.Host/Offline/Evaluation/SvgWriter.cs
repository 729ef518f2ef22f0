using System.Globalization;
using System.Text;

namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>A minimal SVG 1.1 writer: the few shapes a chart needs, numbers in invariant culture, text escaped.</summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _svg = new();
    private readonly double _width, _height;

    public SvgWriter(double width, double height)
    {
        if (!(width > 0) || !(height > 0)) throw new ArgumentOutOfRangeException(nameof(width), $"width and height must be > 0, got {width} x {height}");
        _width = width;
        _height = height;
    }

    public void Rect(double x, double y, double width, double height, string fill, string stroke = "none") =>
        _svg.Append(F($"<rect x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{width:0.##}\" height=\"{height:0.##}\" fill=\"{Escape(fill)}\" stroke=\"{Escape(stroke)}\"/>")).Append('\n');

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null) =>
        _svg.Append(F($"<line x1=\"{x1:0.##}\" y1=\"{y1:0.##}\" x2=\"{x2:0.##}\" y2=\"{y2:0.##}\" stroke=\"{Escape(stroke)}\" stroke-width=\"{width:0.##}\""))
            .Append(dash is null ? "" : $" stroke-dasharray=\"{Escape(dash)}\"").Append("/>\n");

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width = 1.5)
    {
        _svg.Append("<polyline fill=\"none\" stroke=\"").Append(Escape(stroke)).Append(F($"\" stroke-width=\"{width:0.##}\" points=\""));
        for (int i = 0; i < points.Count; i++) _svg.Append(i == 0 ? "" : " ").Append(F($"{points[i].X:0.##},{points[i].Y:0.##}"));
        _svg.Append("\"/>\n");
    }

    public void Circle(double cx, double cy, double r, string fill, string? title = null)
    {
        _svg.Append(F($"<circle cx=\"{cx:0.##}\" cy=\"{cy:0.##}\" r=\"{r:0.##}\" fill=\"{Escape(fill)}\""));
        if (title is null) _svg.Append("/>\n");
        else _svg.Append("><title>").Append(Escape(title)).Append("</title></circle>\n");
    }

    /// <summary>Text at (x, y); <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> degrees about the point.</summary>
    public void Text(double x, double y, string text, double size = 11, string anchor = "start", string fill = "#222", double rotate = 0, bool bold = false)
    {
        _svg.Append(F($"<text x=\"{x:0.##}\" y=\"{y:0.##}\" font-size=\"{size:0.##}\" text-anchor=\"{Escape(anchor)}\" fill=\"{Escape(fill)}\""));
        if (bold) _svg.Append(" font-weight=\"bold\"");
        if (rotate != 0) _svg.Append(F($" transform=\"rotate({rotate:0.##} {x:0.##} {y:0.##})\""));
        _svg.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>The document.</summary>
    public override string ToString() =>
        F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{_width:0.##}\" height=\"{_height:0.##}\" viewBox=\"0 0 {_width:0.##} {_height:0.##}\" font-family=\"sans-serif\">\n")
        + _svg + "</svg>\n";

    /// <summary>Escapes the five XML special characters.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&apos;", StringComparison.Ordinal);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
