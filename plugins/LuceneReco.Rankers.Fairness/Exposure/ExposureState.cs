using System.Text.Json;

namespace LuceneReco.Rankers.Fairness.Exposure;

/// <summary>
/// The controller's state on disk: <c>{"version":1,"requests":N,"groups":{"NAME":{"exposure":E,"target":T},...}}</c>.
/// Written atomically: a temp file in the same folder, flushed to disk (fsync), then renamed over the old file, so a crash
/// leaves either the old or the new state. Read and written with <see cref="Utf8JsonWriter"/>/<see cref="JsonDocument"/>,
/// not the serializer, whose caches would keep the plugin's load context alive.
/// </summary>
internal static class ExposureState
{
    public sealed record Snapshot(long Requests, IReadOnlyDictionary<string, (double Exposure, double Target)> Groups);

    public static void Write(string path, Snapshot state)
    {
        string folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
            {
                using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    json.WriteStartObject();
                    json.WriteNumber("version", 1);
                    json.WriteNumber("requests", state.Requests);
                    json.WriteStartObject("groups");
                    foreach ((string name, (double exposure, double target)) in state.Groups.OrderBy(g => g.Key, StringComparer.Ordinal))
                    {
                        json.WriteStartObject(name);
                        json.WriteNumber("exposure", exposure);
                        json.WriteNumber("target", target);
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The saved state, null when there is no file.</summary>
    /// <exception cref="InvalidDataException">The file is not a state file; the message names it.</exception>
    public static Snapshot? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = doc.RootElement;
            if (root.GetProperty("version").GetInt32() != 1) throw new InvalidDataException($"{path}: unknown state version");
            long requests = root.GetProperty("requests").GetInt64();
            var groups = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
            foreach (JsonProperty g in root.GetProperty("groups").EnumerateObject())
            {
                double e = g.Value.GetProperty("exposure").GetDouble(), t = g.Value.GetProperty("target").GetDouble();
                if (!double.IsFinite(e) || !double.IsFinite(t) || e < 0 || t < 0) throw new InvalidDataException($"{path}: group '{g.Name}' has a bad value");
                groups[g.Name] = (e, t);
            }
            return new Snapshot(requests, groups);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not an exposure state file ({e.Message})", e);
        }
    }
}
