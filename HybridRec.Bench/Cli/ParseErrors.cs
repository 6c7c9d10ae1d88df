using System.CommandLine;

namespace HybridRec.Bench.Cli;

/// <summary>One line for a command line that does not parse: an unknown command or option (with the closest option's name), or the first value error.</summary>
internal static class ParseErrors
{
    /// <summary>The message (without the <c>error: </c> prefix).</summary>
    public static string Describe(ParseResult parsed, RootCommand root)
    {
        var command = parsed.CommandResult.Command;
        string help = command == root ? "see --help" : $"see '{command.Name} --help'";
        if (parsed.UnmatchedTokens.Count > 0)
        {
            string token = parsed.UnmatchedTokens[0];
            if (command == root)
                return $"unknown command '{token}' (commands: {string.Join(", ", BenchCommandLine.CommandNames(root))}; {help}).";
            if (token.StartsWith('-'))
            {
                string name = token.Split('=', ':')[0];
                string? near = Closest(name, command.Options.Select(o => o.Name));
                return $"unknown option {name} for '{command.Name}'{(near is null ? "" : $" (did you mean {near}?)")}; {help}.";
            }
            return $"unexpected argument '{token}' for '{command.Name}' (options start with --; {help}).";
        }
        // A value's own error first (it names the option), then the checks of the command's combinations.
        var first = parsed.Errors.FirstOrDefault(e => e.SymbolResult is System.CommandLine.Parsing.OptionResult or System.CommandLine.Parsing.ArgumentResult)
                    ?? parsed.Errors.FirstOrDefault(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal)) ?? parsed.Errors[0];
        string message = ErrorPolicy.OneLine(first.Message);
        if (message.StartsWith("Required command", StringComparison.Ordinal))
            return $"give a command (commands: {string.Join(", ", BenchCommandLine.CommandNames(root))}; {help}).";
        return $"{message}{(message.Contains("--help", StringComparison.Ordinal) ? "" : $" ({help})")}";
    }

    /// <summary>The name within edit distance 3 of <paramref name="name"/> (or starting with it), the closest first.</summary>
    private static string? Closest(string name, IEnumerable<string> names) =>
        names.Select(n => (Name: n, Distance: n.StartsWith(name, StringComparison.Ordinal) ? 0 : Distance(name, n)))
            .Where(x => x.Distance <= 3).OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal).Select(x => x.Name).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
