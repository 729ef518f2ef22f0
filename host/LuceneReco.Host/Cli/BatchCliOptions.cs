using System.CommandLine;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Offline;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Cli;

/// <summary>The options <c>recommend-batch</c>, <c>eval</c> and <c>bench recommend</c> share: the pipeline, its configuration, the model parameters and progress.</summary>
internal sealed class BatchCliOptions
{
    public Option<string> Pipeline { get; } = new("--pipeline") { Description = $"The pipeline (default: the configuration's default; built in: '{RecoPipelines.Name}').", HelpName = "NAME" };

    public Option<string> Config { get; } = new("--config") { Description = "Pipeline configuration JSON (default: the built-in 'recommend' pipeline: als + itemknn + profile recall, RRF, als and itemknn rerank).", HelpName = "FILE" };

    public Option<bool> Progress { get; } = CommonOptions.Progress();

    public TrainingOptions Training { get; } = new();

    /// <summary><c>--plugins DIR</c>: another plugins folder than the built-in one.</summary>
    public Option<string> Plugins { get; } = CommonOptions.Plugins();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Pipeline);
        command.Options.Add(Config);
        command.Options.Add(Progress);
        command.Options.Add(Plugins);
        Training.AddTo(command);
    }

    /// <summary>The batch options the command line asks for, validated.</summary>
    /// <exception cref="UsageException">A bad option, a missing index or config, an invalid configuration or an unknown pipeline.</exception>
    public BatchOptions Bind(ParseResult parse, string index, int k, TimeProvider? clock = null)
    {
        if (!Directory.Exists(index)) throw new UsageException($"index directory '{index}' does not exist");
        var configErrors = new List<string>();
        var config = ReadConfig(parse, configErrors);
        if (configErrors.Count > 0) throw new UsageException(configErrors[0]);
        var options = new BatchOptions
        {
            IndexDirectory = index,
            Config = config,
            Pipeline = parse.GetValue(Pipeline),
            K = k,
            Training = WithConfigTraining(Training.Bind(parse), config),
            Plugins = CommonOptions.PluginsFolder(parse.GetValue(Plugins)),
            Clock = clock ?? TimeProvider.System,
        };
        if (options.Validate() is { Count: > 0 } problems) throw new UsageException(string.Join("; ", problems.Select(ForCli)));
        return options;
    }

    /// <summary>The command line's training settings over the configuration's (<c>"training"</c>, as <c>tune</c> writes them): the command line wins.</summary>
    public static TrainingSettings WithConfigTraining(TrainingSettings given, ServingConfig config)
    {
        if (config.Training.Count == 0) return given;
        var values = new Dictionary<string, string>(config.Training, StringComparer.Ordinal);
        foreach (var (name, value) in given.Values) values[name] = value;
        return given with { Values = values };
    }

    /// <summary>The configuration <c>--config</c> names, or the built-in one; a missing or invalid file adds its problem to <paramref name="errors"/> (and gives the built-in one).</summary>
    public ServingConfig ReadConfig(ParseResult parse, List<string> errors)
    {
        if (parse.GetValue(Config) is not { } file) return RecoPipelines.BuiltIn;
        if (!File.Exists(file))
        {
            errors.Add($"config file '{file}' does not exist");
            return RecoPipelines.BuiltIn;
        }
        var (parsed, problems) = ServingConfigParser.Parse(File.ReadAllText(file));
        if (parsed is null) errors.Add($"{file}: {string.Join("; ", problems)}");
        return parsed ?? RecoPipelines.BuiltIn;
    }

    /// <summary>Whether progress lines are wanted: <c>--progress</c>, or stderr is a terminal.</summary>
    public bool WantsProgress(ParseResult parse, CliConsole console) => parse.GetValue(Progress) || console.ErrorIsTerminal;

    /// <summary>Runs the batch, printing progress (with --progress or on a terminal) and skipped stages on stderr.</summary>
    public BatchResult Run(CliConsole console, BatchOptions options, IReadOnlyList<Interaction> train, IReadOnlyList<string> users, ParseResult parse,
        IReadOnlyList<(string Name, PipelineDefinition Pipeline)>? baselines = null)
    {
        bool progress = WantsProgress(parse, console);
        BatchResult result;
        try
        {
            result = new BatchRecommender(options).Run(train, users, progress ? line => console.Error.WriteLine($"lucenereco: {line}") : null, baselines);
        }
        catch (TrainingException e)
        {
            throw new UsageException(e.Message);
        }
        foreach (var (what, count) in result.Skipped.OrderBy(p => p.Key, StringComparer.Ordinal))
            console.Error.WriteLine($"lucenereco: {count} requests skipped {what}");
        return result;
    }

    private static string ForCli(string error) => error.StartsWith("K must", StringComparison.Ordinal) ? "--k" + error[1..] : error;
}
