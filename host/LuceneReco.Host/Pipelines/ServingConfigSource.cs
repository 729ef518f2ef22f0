using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Primitives;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// The serving configuration in force. From a file, it is watched through Microsoft.Extensions.Configuration's
/// JSON provider (<c>reloadOnChange</c>, debounced by the provider's reload delay) and re-read on every change:
/// a valid new configuration replaces the old one atomically; an invalid one is reported through the log
/// callback and <see cref="LastError"/>, and the previous configuration keeps serving.
/// The file's text is parsed with System.Text.Json rather than read back from <see cref="IConfiguration"/>,
/// because the configuration tree flattens values to strings and stage options must reach plugins with
/// their JSON types (0.5 stays a number, "007" stays a string).
/// </summary>
internal sealed class ServingConfigSource : IDisposable
{
    private readonly string? _path;
    private readonly Action<string> _log;
    private readonly IConfigurationRoot? _configuration;
    private readonly IDisposable? _subscription;
    private readonly object _reloadSync = new();
    private Snapshot _current;
    private string? _lastError;
    private IReadOnlyList<string> _warnings = [];
    private Func<ServingConfig, (List<string> Errors, List<string> Warnings)>? _check;

    /// <summary>A configuration and its version (incremented by every successful reload).</summary>
    public sealed record Snapshot(ServingConfig Config, long Version);

    private ServingConfigSource(ServingConfig config, string? path, Action<string> log)
    {
        _current = new Snapshot(config, 1);
        _path = path;
        _log = log;
        if (path is null) return;
        _configuration = new ConfigurationBuilder()
            .Add<JsonConfigurationSource>(source =>
            {
                source.Path = System.IO.Path.GetFileName(path);
                source.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(System.IO.Path.GetDirectoryName(path)!);
                source.Optional = false;
                source.ReloadOnChange = true;
                source.OnLoadException = context =>
                {
                    context.Ignore = true; // our own parse below reports the problem, once
                };
            })
            .Build();
        _subscription = ChangeToken.OnChange(_configuration.GetReloadToken, Reload);
    }

    /// <summary>A fixed configuration (no file): the built-in default or one given by tests.</summary>
    public static ServingConfigSource Fixed(ServingConfig config) => new(config, null, _ => { });

    /// <summary>Reads <paramref name="path"/> and watches it.</summary>
    /// <exception cref="ConfigException">The file is missing or its configuration is invalid (every problem is listed).</exception>
    public static ServingConfigSource Watch(string path, Action<string> log)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path)) throw new ConfigException($"config file '{path}' does not exist");
        var (config, errors) = ServingConfigParser.Parse(File.ReadAllText(path));
        if (config is null) throw new ConfigException($"{System.IO.Path.GetFileName(path)}: {string.Join("; ", errors)}");
        return new ServingConfigSource(config, path, log);
    }

    /// <summary>The configuration in force.</summary>
    public Snapshot Current => Volatile.Read(ref _current);

    /// <summary>Why the last reload was rejected, or null when the file's current content is in force.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>What the configuration in force names that is not loaded (a plugin missing): requests skip those steps.</summary>
    public IReadOnlyList<string> Warnings => Volatile.Read(ref _warnings);

    /// <summary>
    /// Checks the configuration in force with <paramref name="check"/> now, and every reloaded one before it is taken
    /// (errors refuse a reload; warnings are kept in <see cref="Warnings"/> and logged).
    /// </summary>
    /// <exception cref="ConfigException">The configuration in force has errors.</exception>
    public void CheckWith(Func<ServingConfig, (List<string> Errors, List<string> Warnings)> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        lock (_reloadSync)
        {
            var (errors, warnings) = check(Current.Config);
            if (errors.Count > 0)
                throw new ConfigException($"{(_path is null ? "the configuration" : System.IO.Path.GetFileName(_path))}: {string.Join("; ", errors)}");
            _check = check;
            Warn(warnings);
        }
    }

    private void Warn(List<string> warnings)
    {
        Volatile.Write(ref _warnings, warnings);
        foreach (string w in warnings) _log($"config: {w}");
    }

    /// <summary>The watched file, or null.</summary>
    public string? Path => _path;

    /// <summary>Re-reads the file now (a change notification does the same).</summary>
    public void Reload()
    {
        if (_path is null) return;
        lock (_reloadSync)
        {
            string text;
            try
            {
                text = File.ReadAllText(_path);
            }
            catch (IOException e)
            {
                Reject($"cannot read {_path}: {e.Message}");
                return;
            }
            var (config, errors) = ServingConfigParser.Parse(text);
            if (config is null)
            {
                Reject(string.Join("; ", errors));
                return;
            }
            List<string> warnings = [];
            if (_check is { } check)
            {
                (errors, warnings) = check(config);
                if (errors.Count > 0)
                {
                    Reject(string.Join("; ", errors));
                    return;
                }
            }
            var previous = Current;
            Volatile.Write(ref _current, new Snapshot(config, previous.Version + 1));
            Volatile.Write(ref _lastError, null);
            _log($"reloaded {System.IO.Path.GetFileName(_path)}: pipelines {string.Join(", ", config.Pipelines.Keys)}");
            Warn(warnings);
        }
    }

    private void Reject(string problem)
    {
        Volatile.Write(ref _lastError, problem);
        _log($"rejected the changed {System.IO.Path.GetFileName(_path)}, the previous configuration keeps serving: {problem}");
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        (_configuration as IDisposable)?.Dispose();
    }
}
