using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LuceneReco.Plugins;

/// <summary>
/// The aliases of the model versions in one model folder: <c>aliases.json</c> maps, per model kind, an alias
/// (<c>production</c>, <c>canary</c>, ...) to a version number, keeps each alias's earlier targets for a rollback, and the
/// versions pinned against pruning. Every plugin that writes numbered versions (<c>{kind}-v{N}.*</c>) resolves its
/// model through this one type, so <c>lucenereco models promote|rollback</c> moves any plugin's model the same way.
/// The file is replaced whole (written to a temporary name, flushed, renamed), so a reader sees the old or the new
/// aliases, never half; writers take <c>aliases.json.lock</c> in turn. Without the file, or without a <c>production</c>
/// entry, <c>production</c> means the newest version, as before aliases existed.
/// </summary>
public sealed class ModelAliases
{
    /// <summary>The alias file's name inside a model folder.</summary>
    public const string FileName = "aliases.json";

    /// <summary>The alias a pipeline step follows unless it names another alias or a version.</summary>
    public const string Production = "production";

    private readonly Dictionary<string, Entry> _kinds;

    private ModelAliases(Dictionary<string, Entry> kinds) => _kinds = kinds;

    /// <summary>The kinds with an entry.</summary>
    public IEnumerable<string> Kinds => _kinds.Keys;

    /// <summary>The version <paramref name="alias"/> of <paramref name="kind"/> points to, or null when it is not set.</summary>
    public int? Target(string kind, string alias) =>
        _kinds.TryGetValue(kind, out var e) && e.Aliases.TryGetValue(alias, out int v) ? v : null;

    /// <summary>Every alias of <paramref name="kind"/> with its version.</summary>
    public IReadOnlyDictionary<string, int> Aliases(string kind) =>
        _kinds.TryGetValue(kind, out var e) ? e.Aliases : new Dictionary<string, int>();

    /// <summary>The versions of <paramref name="kind"/> pinned (kept by pruning until unpinned).</summary>
    public IReadOnlyCollection<int> Pinned(string kind) => _kinds.TryGetValue(kind, out var e) ? e.Pinned : [];

    /// <summary>Whether pruning must keep <paramref name="version"/>: an alias points to it or it is pinned.</summary>
    public bool Retains(string kind, int version) =>
        _kinds.TryGetValue(kind, out var e) && (e.Pinned.Contains(version) || e.Aliases.ContainsValue(version));

    /// <summary>
    /// Which version a step naming <paramref name="reference"/> serves: a version (<c>3</c> or <c>v3</c>), or an alias's
    /// target; <c>production</c> unset means the newest (<c>null</c>), any other alias unset falls back to production.
    /// </summary>
    public int? Resolve(string kind, string reference)
    {
        if (ParseVersion(reference) is int version) return version;
        return Target(kind, reference) ?? Target(kind, Production);
    }

    /// <summary>A version reference (<c>3</c> or <c>v3</c>) as its number, or null when it is an alias name.</summary>
    public static int? ParseVersion(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ReadOnlySpan<char> digits = reference.StartsWith('v') ? reference.AsSpan(1) : reference.AsSpan();
        return digits.Length is > 0 and <= 9 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : null;
    }

    /// <summary>Whether <paramref name="alias"/> is a legal alias name: a letter, then letters, digits, '-' or '_' (at most 40).</summary>
    public static bool IsAliasName(string alias) =>
        alias is { Length: > 0 and <= 40 } && char.IsAsciiLetter(alias[0]) && alias.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Reads the aliases of <paramref name="directory"/> (none when the file is absent).</summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names it.</exception>
    public static ModelAliases Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ModelAliases(new Dictionary<string, Entry>(StringComparer.Ordinal));
        }
        try
        {
            return new ModelAliases(Parse(JsonNode.Parse(text)));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a valid alias file: {e.Message}", e);
        }
    }

    /// <summary>Points <paramref name="alias"/> of <paramref name="kind"/> at <paramref name="version"/>; the version it pointed to is pinned and remembered for <see cref="Rollback"/>.</summary>
    /// <returns>The previous target, or null.</returns>
    public static int? Promote(string directory, string kind, string alias, int version) => Promote(directory, kind, alias, version, null);

    /// <summary>
    /// As <see cref="Promote(string, string, string, int)"/>; <paramref name="servedWhileUnset"/> is the version the alias
    /// served while it was not set (the newest, for <c>production</c>), remembered and pinned like an explicit target, so the
    /// first promote can be rolled back too.
    /// </summary>
    public static int? Promote(string directory, string kind, string alias, int version, int? servedWhileUnset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (!IsAliasName(alias)) throw new ArgumentException($"'{alias}' is not an alias name (a letter, then letters, digits, '-' or '_')", nameof(alias));
        return Update(directory, all =>
        {
            Entry e = EntryOf(all, kind);
            int? previous = e.Aliases.TryGetValue(alias, out int p) ? p : servedWhileUnset;
            if (previous == version)
            {
                e.Aliases[alias] = version; // an implicit target made explicit
                return previous;
            }
            if (previous is int old)
            {
                History(e, alias).Add(old);
                e.Pinned.Add(old);
            }
            e.Aliases[alias] = version;
            return previous;
        });
    }

    /// <summary>Points <paramref name="alias"/> back at its previous target (which stays pinned until unpinned).</summary>
    /// <returns>The (from, to) versions.</returns>
    /// <exception cref="InvalidOperationException">The alias has no earlier target.</exception>
    public static (int From, int To) Rollback(string directory, string kind, string alias) => Update(directory, all =>
    {
        Entry e = EntryOf(all, kind);
        if (!e.Aliases.TryGetValue(alias, out int from) || !e.History.TryGetValue(alias, out var history) || history.Count == 0)
            throw new InvalidOperationException($"'{alias}' of '{kind}' has no earlier version to roll back to");
        int to = history[^1];
        history.RemoveAt(history.Count - 1);
        e.Aliases[alias] = to;
        return (from, to);
    });

    /// <summary>Pins (<paramref name="pin"/> true) or unpins a version; returns whether that changed anything.</summary>
    public static bool SetPinned(string directory, string kind, int version, bool pin) =>
        Update(directory, all => pin ? EntryOf(all, kind).Pinned.Add(version) : EntryOf(all, kind).Pinned.Remove(version));

    private static T Update<T>(string directory, Func<Dictionary<string, Entry>, T> change)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        using FileStream gate = Lock(path + ".lock");
        var all = Read(directory)._kinds;
        T result = change(all);
        string temp = Path.Combine(directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true })) Write(w, all);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
        return result;
    }

    private static FileStream Lock(string path)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 200)
            {
                Thread.Sleep(25); // another writer holds the lock
            }
        }
    }

    private static Entry EntryOf(Dictionary<string, Entry> all, string kind)
    {
        if (string.IsNullOrWhiteSpace(kind)) throw new ArgumentException("the model kind must be named", nameof(kind));
        if (!all.TryGetValue(kind, out var e)) all[kind] = e = new Entry();
        return e;
    }

    private static List<int> History(Entry e, string alias)
    {
        if (!e.History.TryGetValue(alias, out var h)) e.History[alias] = h = [];
        return h;
    }

    private static Dictionary<string, Entry> Parse(JsonNode? root)
    {
        var all = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (root?["models"] is not JsonObject models) throw new FormatException("it has no \"models\" object");
        foreach (var (kind, node) in models)
        {
            if (node is not JsonObject o) throw new FormatException($"\"{kind}\" is not an object");
            var e = new Entry();
            if (o["aliases"] is JsonObject aliases)
                foreach (var (alias, v) in aliases) e.Aliases[alias] = Version(v, kind, alias);
            if (o["history"] is JsonObject history)
                foreach (var (alias, v) in history)
                    e.History[alias] = [.. (v as JsonArray ?? throw new FormatException($"history of \"{alias}\" is not a list")).Select(x => Version(x, kind, alias))];
            if (o["pinned"] is JsonArray pinned)
                foreach (var v in pinned) e.Pinned.Add(Version(v, kind, "pinned"));
            all[kind] = e;
        }
        return all;
    }

    private static int Version(JsonNode? v, string kind, string where) =>
        v is JsonValue value && value.TryGetValue(out int n) && n > 0 ? n : throw new FormatException($"\"{kind}\" {where}: {v?.ToJsonString() ?? "null"} is not a version number");

    private static void Write(Utf8JsonWriter w, Dictionary<string, Entry> all)
    {
        w.WriteStartObject();
        w.WriteStartObject("models");
        foreach (var (kind, e) in all.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(kind);
            w.WriteStartObject("aliases");
            foreach (var (alias, v) in e.Aliases.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteNumber(alias, v);
            w.WriteEndObject();
            w.WriteStartObject("history");
            foreach (var (alias, h) in e.History.Where(p => p.Value.Count > 0).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteStartArray(alias);
                foreach (int v in h.TakeLast(20)) w.WriteNumberValue(v);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteStartArray("pinned");
            foreach (int v in e.Pinned.Order()) w.WriteNumberValue(v);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private sealed class Entry
    {
        public Dictionary<string, int> Aliases { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<int>> History { get; } = new(StringComparer.Ordinal);
        public HashSet<int> Pinned { get; } = [];
    }
}
