using System.Globalization;

namespace LuceneReco.TestPlugins.Popular;

/// <summary>The versioned count files "popular" trains and reads.</summary>
internal static class PopularFile
{
    public static IEnumerable<int> Versions(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder, "popular-v*.txt").Select(f => int.Parse(Path.GetFileNameWithoutExtension(f)["popular-v".Length..], CultureInfo.InvariantCulture))
        : [];

    /// <summary>The newest file's items, most popular first, or null when none is trained yet.</summary>
    public static List<(string Item, double Count)>? Newest(string folder)
    {
        var versions = Versions(folder).ToList();
        if (versions.Count == 0) return null;
        return File.ReadAllLines(Path.Combine(folder, $"popular-v{versions.Max()}.txt"))
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
