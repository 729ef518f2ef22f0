using System.CommandLine;
using LuceneReco.Host.Http;
using LuceneReco.Host.Http.Security;
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
        var keyFile = new Option<string>("--api-key-file") { Description = $"A file holding the API key (or several, one per line, for rotation) that write and admin requests must send (Authorization: Bearer KEY or X-Api-Key: KEY; at least {ApiKey.MinLength} characters each; default: the environment variable {ApiKey.EnvironmentVariable}, else no key). Required when --urls reaches beyond loopback.", HelpName = "FILE" };
        var insecure = new Option<bool>("--insecure-no-auth") { Description = "Serve beyond loopback without an API key (warns at start)." };
        var keyReads = new Option<bool>("--key-reads") { Description = "Require the API key on the read endpoints too (all but /health)." };
        var hosts = new Option<string[]>("--allowed-hosts") { Description = "Host header names accepted besides localhost, 127.0.0.1 and ::1, ','-separated (* for any; default: the host names in --urls).", HelpName = "NAMES", AllowMultipleArgumentsPerToken = false };
        var limits = new Option<string[]>("--limit") { Description = $"Sets a request or paging limit, NAME=VALUE, repeatable ({string.Join(", ", RequestLimits.Names.Concat(Http.Paging.PagingLimitOptions.Names))}; ratePerSecond=off turns rate limiting off; see docs/configuration.md for the defaults and ranges).", HelpName = "NAME=VALUE" };
        var luceneNetSchema = CommonOptions.LuceneNetSchema();
        var refresh = new Option<double?>("--refresh") { Description = $"How often, in seconds, a Lucene.Net index is refreshed so that requests see new commits (another application's, on an index attached with --lucenenet-schema; {ServeOptions.MinRefresh.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} to {ServeOptions.MaxRefresh.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; default {RecallIndexService.DefaultRefreshInterval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}). The native index needs none: its writes are visible at once.", HelpName = "SECONDS" };
        var command = new Command("serve", "Serve search, similar items, recommendations, item and event writes, plugins, health and metrics over HTTP.")
        {
            index, plugins, store, config, urls, data, keyFile, insecure, keyReads, hosts, limits, luceneNetSchema, refresh,
        };
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            var options = new ServeOptions
            {
                Index = parse.GetValue(index)!,
                Plugins = parse.GetValue(plugins),
                Store = parse.GetValue(store),
                Config = parse.GetValue(config),
                DataDirectory = parse.GetValue(data),
                LuceneNetSchema = parse.GetValue(luceneNetSchema),
                Refresh = parse.GetValue(refresh) is { } seconds ? (double.IsFinite(seconds) && Math.Abs(seconds) < 1e9 ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue) : null,
            };
            // the folders and files first, so their problems are reported with the options' (the port is probed only once all are fine)
            var errors = new List<string>(options.Validate());
            var warnings = new List<string>();
            var security = SecuritySetup.Resolve(parse.GetValue(urls)!, parse.GetValue(keyFile), parse.GetValue(insecure), parse.GetValue(keyReads),
                parse.GetValue(hosts), parse.GetValue(limits), Environment.GetEnvironmentVariable, errors, warnings);
            if (errors.Count > 0) throw new UsageException(string.Join("; ", errors));
            foreach (var w in warnings) console.Error.WriteLine($"lucenereco: {w}");
            return Run(options, parse.GetValue(urls)!, console, security!);
        }));
        return command;
    }

    /// <summary>Serves until the process is asked to stop with loopback rules and default limits; returns the exit code.</summary>
    public static int Run(ServeOptions options, string urls, CliConsole console) => Run(options, urls, console, ServeSecurity.Default);

    /// <summary>Serves until the process is asked to stop; returns the exit code.</summary>
    public static int Run(ServeOptions options, string urls, CliConsole console, ServeSecurity security)
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
        catch (ArgumentException e) // a Lucene.Net schema that does not fit the index (every problem listed)
        {
            throw new UsageException(e.Message);
        }
        using (host)
        {
            foreach (var warning in host.Runner.Config.Warnings) // e.g. a step naming a plugin the --plugins folder lacks
                console.Error.WriteLine($"lucenereco: warning: {warning}");
            if (options.Store is null)
                console.Error.WriteLine("lucenereco: note: without --store, events are kept in memory and lost on exit");
            var app = ServeApp.Build(host, urls, console.Error, security);
            try
            {
                try
                {
                    app.StartAsync().GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is IOException or InvalidOperationException) // a port in use, an address not of this machine, https without a certificate
                {
                    throw new UsageException(e.Message.ReplaceLineEndings(" "));
                }
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
