using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Models;

/// <summary>
/// Versions of a learned model, as every trained model in LuceneReco has them (issue 17): <c>train --model learned</c> writes
/// <c>ltr/model-v{N}.txt</c> (and <c>ltr/model-v{N}.features.json</c>) beside the path a stage names (<c>ltr/model.txt</c>),
/// and the folder's <c>aliases.json</c> (<see cref="ModelAliases"/>, kind = the file's stem, <c>model</c>) says which one
/// <c>production</c> or <c>canary</c> serves; unset, <c>production</c> is the newest. <c>lucenereco models</c> and
/// <c>/admin/models</c> list and move them as <c>learned/ltr/model</c>. A path with no numbered versions beside it is
/// served as it is (a model trained elsewhere, or one written before versions).
/// </summary>
internal static class ModelVersions
{
    /// <summary><c>dir/model-v3.txt</c> for <c>dir/model.txt</c> and 3.</summary>
    public static string Versioned(string path, int version) =>
        Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-v" + version.ToString(CultureInfo.InvariantCulture) + Path.GetExtension(path));

    /// <summary>The kind the folder's aliases file names this model by: the file's stem.</summary>
    public static string Kind(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>The numbered versions beside <paramref name="path"/>, ascending.</summary>
    public static IReadOnlyList<int> List(string path)
    {
        string? dir = Path.GetDirectoryName(path);
        if (dir is null || !Directory.Exists(dir)) return [];
        string stem = Kind(path) + "-v", ext = Path.GetExtension(path);
        var versions = new List<int>();
        foreach (string file in Directory.EnumerateFiles(dir, stem + "*" + ext))
        {
            string name = Path.GetFileName(file);
            var digits = name.AsSpan(stem.Length, name.Length - stem.Length - ext.Length);
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0) versions.Add(v);
        }
        versions.Sort();
        return versions;
    }

    /// <summary>The number a new version gets: one above the newest.</summary>
    public static int Next(string path) => List(path) is { Count: > 0 } versions ? versions[^1] + 1 : 1;

    /// <summary>
    /// The file that serves <paramref name="reference"/> (an alias or a version, <c>production</c> by default) of the model
    /// at <paramref name="path"/>, with the version (null for an unversioned file).
    /// </summary>
    /// <exception cref="ModelFormatException">The aliases file is damaged, or the reference names a version that is not there.</exception>
    public static (string Path, int? Version) Resolve(string path, string reference)
    {
        var versions = List(path);
        if (versions.Count == 0)
        {
            if (ModelAliases.ParseVersion(reference) is int wanted)
                throw new ModelFormatException(path, null, $"modelVersion asks for version {wanted}, but there are no versions beside it ({Path.GetFileName(Versioned(path, 1))} and on)");
            return (path, null);
        }
        ModelAliases aliases;
        try
        {
            aliases = ModelAliases.Read(Path.GetDirectoryName(path)!);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException(path, null, e.Message, e);
        }
        int version = aliases.Resolve(Kind(path), reference) ?? versions[^1];
        if (!versions.Contains(version))
            throw new ModelFormatException(path, null, string.Create(CultureInfo.InvariantCulture,
                $"'{reference}' points to version {version}, which is not there (versions: {string.Join(", ", versions)})"));
        return (Versioned(path, version), version);
    }

    /// <summary>What changes when a version is added or an alias moves: the folder's write time and the aliases file's size and write time.</summary>
    public static (DateTime Folder, long AliasesLength, DateTime AliasesWritten) FolderStamp(string path)
    {
        string dir = Path.GetDirectoryName(path)!;
        var folder = new DirectoryInfo(dir);
        var aliases = new FileInfo(Path.Combine(dir, ModelAliases.FileName));
        return (folder.Exists ? folder.LastWriteTimeUtc : DateTime.MinValue, aliases.Exists ? aliases.Length : -1, aliases.Exists ? aliases.LastWriteTimeUtc : DateTime.MinValue);
    }
}
