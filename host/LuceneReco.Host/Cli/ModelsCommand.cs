using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Http;
using LuceneReco.Host.Models;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco models list|promote|rollback|pin|unpin</c>: the trained versions of every plugin's models under a data
/// folder and the aliases pipelines follow (<c>production</c> by default); moving an alias rewrites the folder's
/// <c>aliases.json</c> atomically and a running server follows within the model's poll interval (docs/serving.md).
/// </summary>
internal static class ModelsCommand
{
    /// <summary>The group with its subcommands.</summary>
    public static Command Create(CliConsole console) =>
        new("models", "Trained model versions and their aliases (production, canary): list, promote, roll back, pin.")
        {
            List(console), Promote(console), Rollback(console), PinCommand(console, pin: true), PinCommand(console, pin: false),
        };

    private static Option<string> Data() =>
        new("--data") { Description = "The plugin data root (what 'train' and 'serve' were given; default INDEX.plugin-data).", HelpName = "DIR", Required = true };

    private static Option<string> Model() =>
        new("--model") { Description = "The model, as 'models list' names it (e.g. collaborative/models/itemknn).", HelpName = "NAME", Required = true };

    private static Option<string> Alias() =>
        new("--alias") { Description = "The alias to move (default production).", HelpName = "ALIAS", DefaultValueFactory = _ => ModelAliases.Production };

    private static Option<string> Version() =>
        new("--version") { Description = "The version number (3 or v3).", HelpName = "N", Required = true };

    private static Command List(CliConsole console)
    {
        var data = Data();
        var json = new Option<bool>("--json") { Description = "Print the models as JSON (as GET /admin/models gives them)." };
        var command = new Command("list", "Every model's versions (size, created), which aliases point where, and what is pinned.") { data, json };
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            var models = Registry(parse.GetValue(data)!).List();
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(models, new JsonSerializerOptions(HttpJson.Write) { WriteIndented = true }));
                return ExitCodes.Ok;
            }
            if (models.Count == 0) console.Out.WriteLine("no trained models");
            foreach (var m in models)
            {
                console.Out.WriteLine(m.Name);
                if (m.Problem is { } problem) console.Out.WriteLine("  ! " + problem);
                foreach (var v in m.Versions)
                {
                    var aliases = m.Aliases.Where(a => a.Value == v.Version).Select(a => a.Key).ToList();
                    string marks = (aliases.Count > 0 ? "  <- " + string.Join(", ", aliases) : "") + (m.Pinned.Contains(v.Version) ? "  (pinned)" : "");
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  v{v.Version,-4} {v.Bytes,12:N0} bytes  {v.Created:yyyy-MM-dd HH:mm:ss}Z  {v.File}{marks}"));
                }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Promote(CliConsole console)
    {
        var (data, model, version, alias) = (Data(), Model(), Version(), Alias());
        var command = new Command("promote", "Points an alias at a version; the version it pointed to is pinned, for 'models rollback'.") { data, model, version, alias };
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            console.Out.WriteLine(Run(() => Registry(parse.GetValue(data)!).Promote(parse.GetValue(model)!, ParseVersion(parse.GetValue(version)!), parse.GetValue(alias)!)));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Rollback(CliConsole console)
    {
        var (data, model, alias) = (Data(), Model(), Alias());
        var command = new Command("rollback", "Points an alias back at the version it pointed to before the last promote.") { data, model, alias };
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            console.Out.WriteLine(Run(() => Registry(parse.GetValue(data)!).Rollback(parse.GetValue(model)!, parse.GetValue(alias)!)));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command PinCommand(CliConsole console, bool pin)
    {
        var (data, model, version) = (Data(), Model(), Version());
        var command = new Command(pin ? "pin" : "unpin", pin
            ? "Keeps a version when 'train' prunes old ones (it keeps the newest 3: --set keep-versions=N)."
            : "Lets pruning delete a version again (one no alias points to).") { data, model, version };
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            console.Out.WriteLine(Run(() => Registry(parse.GetValue(data)!).Pin(parse.GetValue(model)!, ParseVersion(parse.GetValue(version)!), pin)));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static ModelRegistry Registry(string data) =>
        Directory.Exists(data) ? new ModelRegistry(data) : throw new UsageException($"data folder '{data}' does not exist");

    private static int ParseVersion(string text) =>
        ModelAliases.ParseVersion(text) ?? throw new UsageException($"--version must be a version number (3 or v3), got '{text}'");

    private static string Run(Func<string> action)
    {
        try
        {
            return action();
        }
        catch (ModelRegistryException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
