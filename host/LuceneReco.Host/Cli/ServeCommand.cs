using System.CommandLine;
using LuceneReco.Host.Http;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using Microsoft.Extensions.Hosting;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco serve</c>: the HTTP API over an index, plugins and a pipeline configuration, until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var plugins = new Option<string>("--plugins") { Description = "The plugins folder, watched, one subfolder per plugin (default: the built-in plugins shipped beside the CLI: collaborative (als, itemknn, popular), diversity (mmr, dpp, diversity-caps), fairness (fair, exposure, calibration), learned; a folder given here replaces them).", HelpName = "DIR" };
        var store = new Option<string>("--store") { Description = "The interaction store, a SQLite file (created when missing; default: events are kept in memory and lost on exit).", HelpName = "FILE" };
        var config = new Option<string>("--config") { Description = "Pipeline configuration JSON, re-read when it changes (default: the built-in pipelines: 'default' (search + profile + similar, RRF) for searches and 'recommend' (als + itemknn + profile + semantic-profile, RRF, the als and itemknn stages, one place in 20 for new items; trending with one place in 5 for the newest items when there is no history) for recommendations).", HelpName = "FILE" };
        var urls = new Option<string>("--urls") { Description = $"Where to listen, ';'-separated (default {ServeApp.DefaultUrls}; port 0 picks a free port).", HelpName = "URL", DefaultValueFactory = _ => ServeApp.DefaultUrls };
        var data = new Option<string>("--data") { Description = "Where plugins keep their data, one folder each (default: INDEX.plugin-data beside the index).", HelpName = "DIR" };
        var command = new Command("serve", "Serve search, similar items, recommendations, item and event writes, plugins, health and metrics over HTTP.")
        {
            index, plugins, store, config, urls, data,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(new ServeOptions
        {
            Index = parse.GetValue(index)!,
            Plugins = parse.GetValue(plugins),
            Store = parse.GetValue(store),
            Config = parse.GetValue(config),
            DataDirectory = parse.GetValue(data),
        }, parse.GetValue(urls)!, console)));
        return command;
    }

    /// <summary>Serves until the process is asked to stop; returns the exit code.</summary>
    public static int Run(ServeOptions options, string urls, CliConsole console)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new UsageException(string.Join("; ", errors));
        ServingHost host;
        try
        {
            host = ServingHost.Open(options, console.Time, line => console.Error.WriteLine($"lucenereco: {line}"));
        }
        catch (ConfigException e)
        {
            throw new UsageException(e.Message);
        }
        using (host)
        {
            if (options.Store is null)
                console.Error.WriteLine("lucenereco: note: without --store, events are kept in memory and lost on exit");
            var app = ServeApp.Build(host, urls, console.Error);
            try
            {
                app.StartAsync().GetAwaiter().GetResult();
                foreach (var address in ServeApp.Addresses(app)) console.Out.WriteLine($"listening on {address}");
                console.Out.Flush();
                app.WaitForShutdownAsync().GetAwaiter().GetResult();
            }
            finally
            {
                app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        return ExitCodes.Ok;
    }
}
