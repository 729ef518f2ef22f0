namespace LuceneReco.Index.Segments;

/// <summary>A segment as a commit point lists it.</summary>
/// <param name="Name">The segment name (file prefix), e.g. "_1f".</param>
/// <param name="MaxDoc">Documents written to it, live or deleted.</param>
/// <param name="DelGen">Generation of its deletes file; 0 when it has none.</param>
/// <param name="DelCount">Deleted documents.</param>
internal sealed record SegmentInfo(string Name, int MaxDoc, long DelGen, int DelCount)
{
    /// <summary>The extensions of a segment's own files.</summary>
    public static readonly string[] Extensions = ["si", "tim", "doc", "pos", "nrm", "tv", "fdt", "ids", "num"];

    /// <summary>The path of the file with <paramref name="extension"/>.</summary>
    public string File(string directory, string extension) => Path.Combine(directory, $"{Name}.{extension}");

    /// <summary>The deletes file name, or null.</summary>
    public string? DeletesFile => DelGen == 0 ? null : $"{Name}_{DelGen.ToString("x", System.Globalization.CultureInfo.InvariantCulture)}.liv";

    /// <summary>Generation of its dense-vectors file; 0 when it has none.</summary>
    public long VecGen { get; init; }

    /// <summary>The dense-vectors file name, or null.</summary>
    public string? VectorsFile => VecGen == 0 ? null : $"{Name}_{VecGen.ToString("x", System.Globalization.CultureInfo.InvariantCulture)}.vec";

    /// <summary>Every file name this segment needs.</summary>
    public IEnumerable<string> FileNames()
    {
        foreach (var e in Extensions) yield return $"{Name}.{e}";
        if (DeletesFile is { } d) yield return d;
        if (VectorsFile is { } v) yield return v;
    }
}
