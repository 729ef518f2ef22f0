using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Http;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Profiles;
using LuceneReco.Index;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco users profile</c>: the words, categories and items that shape a user's content recommendations, with their
/// weights and the user's newest event behind each (what <c>GET /users/{id}/profile</c> answers; see <see cref="UserProfileBuilder"/>).
/// </summary>
internal static class UsersProfileCommand
{
    /// <summary>The command with its options.</summary>
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var store = StoreOption.Create();
        var user = new Option<string>("--user") { Description = "The user whose profile is shown.", HelpName = "U", Required = true };
        var config = new Option<string>("--config") { Description = "Pipeline configuration JSON whose recommendation pipeline's 'profile' step settings apply (default: the built-in pipelines).", HelpName = "FILE" };
        var max = new Option<int>("--max") { Description = "At most this many words, categories and items (1 to 100; default 10).", HelpName = "N", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the HTTP API's JSON instead of text." };
        var command = new Command("profile", "Show what shapes a user's recommendations: the words, categories and items of their profile, with weights and when each was last seen.")
        {
            index, store, user, config, max, json,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(parse.GetValue(index)!, parse.GetValue(store)!, parse.GetValue(user)!,
            parse.GetValue(config), parse.GetValue(max), parse.GetValue(json), console)));
        return command;
    }

    /// <summary>Prints the profile; returns the exit code.</summary>
    public static int Run(string indexPath, string storePath, string user, string? configPath, int max, bool json, CliConsole console)
    {
        if (string.IsNullOrWhiteSpace(user)) throw new UsageException("--user must not be empty");
        if (max is < 1 or > 100) throw new UsageException($"--max must be 1 to 100, got {max.ToString(CultureInfo.InvariantCulture)}");
        if (!Directory.Exists(indexPath)) throw new UsageException($"index folder '{indexPath}' does not exist");
        var config = ServingConfig.BuiltIn;
        if (configPath is not null)
        {
            if (!File.Exists(configPath)) throw new UsageException($"configuration file '{configPath}' does not exist");
            var (parsed, errors) = ServingConfigParser.Parse(File.ReadAllText(configPath));
            if (parsed is null || errors.Count > 0) throw new UsageException($"{Path.GetFileName(configPath)}: {string.Join("; ", errors)}");
            config = parsed;
        }
        using var store = StoreOption.Open(storePath, create: false);
        using var reader = IndexReader.Open(indexPath);
        var profile = UserProfileBuilder.Build(LuceneReco.Index.Backends.NativeRecallIndex.View(reader), store, config, user, max)
            ?? throw new UsageException($"no events of user '{user}' in {Path.GetFileName(storePath)}");
        if (json) console.Out.WriteLine(JsonSerializer.Serialize(profile, Indented));
        else WriteText(profile, console.Out);
        return ExitCodes.Ok;
    }

    private static readonly JsonSerializerOptions Indented = new(HttpJson.Write) { WriteIndented = true };

    private static void WriteText(UserProfile profile, TextWriter output)
    {
        output.WriteLine(profile.Summary);
        output.WriteLine($"({CliFormat.Plural(profile.Events, "event")} read, {CliFormat.Plural(profile.ProfileItems, "item")} in the profile of pipeline '{profile.Pipeline}'; weights are shares of the profile)");
        Section(output, "words", profile.Terms.Select(t => (Quote(t.Word), t.Weight, $"{string.Join(", ", t.Fields)}, {CliFormat.Plural(t.Items, "item")}, last {When(t.LastEvent)}")));
        Section(output, "categories", profile.Categories.Select(c => (c.Category, c.Weight, $"{CliFormat.Plural(c.Items, "item")}, last {When(c.LastEvent)}")));
        Section(output, "items", profile.Items.Select(i => (i.Title, i.Weight, $"{i.Kind}, {When(i.LastEvent)}")));
    }

    private static void Section(TextWriter output, string name, IEnumerable<(string Label, double Weight, string Detail)> rows)
    {
        var list = rows.ToList();
        output.WriteLine();
        output.WriteLine(list.Count == 0 ? $"{name}: none" : $"{name}:");
        int width = list.Count == 0 ? 0 : list.Max(r => r.Label.Length);
        foreach (var (label, weight, detail) in list)
            output.WriteLine($"  {weight.ToString("P1", CultureInfo.InvariantCulture),7}  {label.PadRight(width)}  {detail}");
    }

    private static string Quote(string word) => '"' + word + '"';

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
