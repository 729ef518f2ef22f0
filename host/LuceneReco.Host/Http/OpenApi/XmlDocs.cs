using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LuceneReco.Host.Http.OpenApi;

/// <summary>
/// The host's XML documentation (<c>lucenereco.xml</c> beside the assembly), read once, as plain text for the OpenAPI
/// document: a type's summary, a property's summary, or a record's <c>param</c> for its positional property. ASP.NET
/// Core's own XML comment generator reads only public types, and every type here is internal. A missing file gives no
/// descriptions, never an error.
/// </summary>
internal static partial class XmlDocs
{
    private static readonly Lazy<Dictionary<string, XElement>> Members = new(Load);

    /// <summary>The summary of <paramref name="type"/>, or null.</summary>
    public static string? Of(Type type) => Summary("T:" + Id(type));

    /// <summary>The summary of <paramref name="property"/>, else its declaring record's <c>param</c> of that name, or null.</summary>
    public static string? Of(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var type = property.DeclaringType;
        if (type is null) return null;
        if (Summary($"P:{Id(type)}.{property.Name}") is { } summary) return summary;
        return Members.Value.TryGetValue("T:" + Id(type), out var member)
            ? member.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == property.Name) is { } param ? Text(param) : null
            : null;
    }

    private static string? Summary(string id) =>
        Members.Value.TryGetValue(id, out var member) && member.Element("summary") is { } summary ? Text(summary) : null;

    private static string Id(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    /// <summary>The element's text: code as Markdown code, references by their last name, white space folded.</summary>
    private static string? Text(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes()) Append(text, node);
        var folded = Spaces().Replace(text.ToString(), " ").Trim();
        return folded.Length == 0 ? null : folded;
    }

    private static void Append(StringBuilder text, XNode node)
    {
        switch (node)
        {
            case XText t: text.Append(t.Value); break;
            case XElement { Name.LocalName: "c" or "code" } e: text.Append('`').Append(e.Value).Append('`'); break;
            case XElement { Name.LocalName: "see" or "seealso" or "paramref" or "typeparamref" } e:
                var name = (string?)e.Attribute("cref") ?? (string?)e.Attribute("name") ?? (string?)e.Attribute("langword") ?? e.Value;
                text.Append(e.IsEmpty ? name[(name.LastIndexOfAny([':', '.']) + 1)..] : e.Value);
                break;
            case XElement e:
                foreach (var child in e.Nodes()) Append(text, child);
                break;
        }
    }

    private static Dictionary<string, XElement> Load()
    {
        var members = new Dictionary<string, XElement>(StringComparer.Ordinal);
        var path = Path.ChangeExtension(typeof(XmlDocs).Assembly.Location, ".xml");
        if (string.IsNullOrEmpty(path) || !File.Exists(path)) return members;
        foreach (var member in XDocument.Load(path).Descendants("member"))
            if ((string?)member.Attribute("name") is { } name) members[name] = member;
        return members;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
