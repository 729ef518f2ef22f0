using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Models;

/// <summary>
/// The trained models under a plugin data folder (<c>--data</c>): every folder holding numbered versions
/// (<c>{kind}-v{N}.*</c>, as <c>train</c> writes them for any plugin) is a model named <c>FOLDER/kind</c> relative to the
/// data folder (e.g. <c>collaborative/models/itemknn</c>), with its versions and the aliases of its <c>aliases.json</c>
/// (<see cref="ModelAliases"/>). <c>lucenereco models</c> and <c>/admin/models</c> both go through here.
/// </summary>
internal sealed class ModelRegistry(string dataDirectory)
{
    /// <summary>The data folder listed.</summary>
    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    /// <summary>Every model, by name.</summary>
    public IReadOnlyList<ModelEntry> List()
    {
        var found = new SortedDictionary<string, (string Folder, string Kind, List<ModelVersionInfo> Versions)>(StringComparer.Ordinal);
        if (!Directory.Exists(DataDirectory)) return [];
        foreach (string path in Directory.EnumerateFiles(DataDirectory, "*-v*.*", SearchOption.AllDirectories))
        {
            string file = Path.GetFileName(path);
            if (file.StartsWith('.')) continue; // a temporary file being written
            if (Parse(file) is not (string kind, int version)) continue;
            string folder = Path.GetDirectoryName(path)!;
            string name = Name(folder, kind);
            if (!found.TryGetValue(name, out var entry)) found[name] = entry = (folder, kind, []);
            var info = new FileInfo(path);
            int same = entry.Versions.FindIndex(v => v.Version == version);
            if (same >= 0)
            {
                // several files of one version (a model and its features file): one entry, the shortest name, every byte counted
                var had = entry.Versions[same];
                entry.Versions[same] = had with { File = had.File.Length <= file.Length ? had.File : file, Bytes = had.Bytes + info.Length };
                continue;
            }
            entry.Versions.Add(new ModelVersionInfo(version, file, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero)));
        }
        var result = new List<ModelEntry>();
        foreach (var (name, (folder, kind, versions)) in found)
        {
            versions.Sort((a, b) => b.Version.CompareTo(a.Version));
            ModelAliases? aliases = null;
            string? problem = null;
            try
            {
                aliases = ModelAliases.Read(folder);
            }
            catch (InvalidDataException e)
            {
                problem = e.Message + " (fix or delete it; until then the server keeps the version it has loaded)";
            }
            var targets = new SortedDictionary<string, int>(aliases?.Aliases(kind).ToDictionary() ?? [], StringComparer.Ordinal);
            // production unset serves the newest, so say so
            if (!targets.ContainsKey(ModelAliases.Production)) targets[ModelAliases.Production] = versions[0].Version;
            result.Add(new ModelEntry(name, kind, versions, targets, [.. (aliases?.Pinned(kind) ?? []).Order()]) { Problem = problem });
        }
        return result;
    }

    /// <summary>Points <paramref name="alias"/> of model <paramref name="name"/> at <paramref name="version"/>.</summary>
    /// <exception cref="ModelRegistryException">No such model or version, or a bad alias name.</exception>
    public string Promote(string name, int version, string alias)
    {
        ModelEntry model = Find(name);
        if (!ModelAliases.IsAliasName(alias)) throw new ModelRegistryException($"'{alias}' is not an alias name (a letter, then letters, digits, '-' or '_')");
        if (model.Versions.All(v => v.Version != version))
            throw new ModelRegistryException(F($"model '{name}' has no version {version} (versions: {string.Join(", ", model.Versions.Select(v => v.Version))})"));
        // production unset serves the newest: remember that, so this first move can be rolled back like any other
        if (model.Problem is { } damaged) throw new ModelRegistryException(damaged);
        int? implicitTarget = alias == ModelAliases.Production && !ModelAliases.Read(Folder(name)).Aliases(model.Kind).ContainsKey(alias) ? model.Versions[0].Version : null;
        int? previous = ModelAliases.Promote(Folder(name), model.Kind, alias, version, implicitTarget);
        return previous is int p && p != version
            ? F($"{name}: '{alias}' moved from version {p} to {version} (version {p} stays pinned until 'models unpin'; 'models rollback' returns to it)")
            : F($"{name}: '{alias}' now points to version {version}");
    }

    /// <summary>Points <paramref name="alias"/> of <paramref name="name"/> back at its previous target.</summary>
    public string Rollback(string name, string alias)
    {
        ModelEntry model = Find(name);
        if (model.Problem is { } damaged) throw new ModelRegistryException(damaged);
        try
        {
            var (from, to) = ModelAliases.Rollback(Folder(name), model.Kind, alias);
            if (model.Versions.All(v => v.Version != to))
            {
                ModelAliases.Promote(Folder(name), model.Kind, alias, from); // undo: the earlier file is gone
                throw new ModelRegistryException(F($"model '{name}': version {to} was deleted, so '{alias}' stays at {from}"));
            }
            return F($"{name}: '{alias}' rolled back from version {from} to {to}");
        }
        catch (InvalidOperationException e)
        {
            throw new ModelRegistryException($"model '{name}': {e.Message}");
        }
    }

    /// <summary>Pins or unpins a version against pruning.</summary>
    public string Pin(string name, int version, bool pin)
    {
        ModelEntry model = Find(name);
        if (pin && model.Versions.All(v => v.Version != version)) throw new ModelRegistryException(F($"model '{name}' has no version {version}"));
        bool changed = ModelAliases.SetPinned(Folder(name), model.Kind, version, pin);
        return F($"{name}: version {version} {(pin ? "pinned" : "unpinned")}{(changed ? "" : " already")}");
    }

    private ModelEntry Find(string name)
    {
        var all = List();
        return all.FirstOrDefault(m => m.Name == name)
            ?? throw new ModelRegistryException(all.Count == 0
                ? $"no model named '{name}': '{DataDirectory}' holds no trained model"
                : $"no model named '{name}' (models: {string.Join(", ", all.Select(m => m.Name))})");
    }

    private string Folder(string name) => Path.Combine(DataDirectory, Path.GetDirectoryName(name.Replace('/', Path.DirectorySeparatorChar)) ?? "");

    /// <summary>The name of the model <paramref name="kind"/> in <paramref name="folder"/>, as <see cref="List"/> gives it (the folder relative to the data folder, then the kind).</summary>
    public string Name(string folder, string kind)
    {
        string relative = Path.GetRelativePath(DataDirectory, folder).Replace(Path.DirectorySeparatorChar, '/');
        return relative == "." ? kind : relative + "/" + kind;
    }

    /// <summary>The kind and version of a file name <c>{kind}-v{N}.{ext}</c>, or null.</summary>
    internal static (string Kind, int Version)? Parse(string file)
    {
        int dot = file.IndexOf('.', StringComparison.Ordinal);
        string stem = dot < 0 ? file : file[..dot];
        int dash = stem.LastIndexOf("-v", StringComparison.Ordinal);
        if (dash <= 0) return null;
        return int.TryParse(stem.AsSpan(dash + 2), NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? (stem[..dash], v) : null;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One model: its versions (newest first), its aliases and its pinned versions.</summary>
internal sealed record ModelEntry(string Name, string Kind, IReadOnlyList<ModelVersionInfo> Versions, IReadOnlyDictionary<string, int> Aliases, IReadOnlyList<int> Pinned)
{
    /// <summary>What is wrong with the model's <c>aliases.json</c> (damaged: its aliases cannot be read or moved), or null.</summary>
    public string? Problem { get; init; }
}

/// <summary>One version file.</summary>
internal sealed record ModelVersionInfo(int Version, string File, long Bytes, DateTimeOffset Created);

/// <summary>A model, version or alias that does not exist: CLI exit 2, HTTP 400/404.</summary>
internal sealed class ModelRegistryException(string message) : Exception(message);
