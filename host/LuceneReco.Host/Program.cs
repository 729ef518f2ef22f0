using LuceneReco.Host.Cli;

return CliApp.Run(args, new CliConsole(Console.Out, Console.Error, !Console.IsErrorRedirected, TimeProvider.System));
