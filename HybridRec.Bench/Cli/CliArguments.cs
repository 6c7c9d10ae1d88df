using System.Globalization;

namespace HybridRec.Bench.Cli;

/// <summary>
/// A small, strict parser for <c>--name value</c> and <c>--flag</c> arguments. Each command declares the options
/// it accepts; anything else is a <see cref="UsageException"/> naming the argument.
/// </summary>
internal sealed class CliArguments
{
    private readonly string _command;
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CliArguments(string command) => _command = command;

    /// <summary>Parses <paramref name="args"/> against the accepted value options and flags.</summary>
    public static CliArguments Parse(string command, IReadOnlyList<string> args, IEnumerable<string> valueOptions, IEnumerable<string> flags)
    {
        var values = valueOptions.ToHashSet(StringComparer.Ordinal);
        var flagSet = flags.ToHashSet(StringComparer.Ordinal);
        var cl = new CliArguments(command);
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
                throw new UsageException($"unexpected argument '{a}' for '{command}' (options start with --; see 'help').");
            string name = a[2..];
            string? inline = null;
            int eq = name.IndexOf('=');
            if (eq >= 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
            if (cl._values.ContainsKey(name)) throw new UsageException($"option --{name} is given twice.");
            if (flagSet.Contains(name))
            {
                if (inline is not null) throw new UsageException($"option --{name} takes no value.");
                cl._values[name] = null;
            }
            else if (values.Contains(name))
            {
                string? v = inline;
                if (v is null)
                {
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        throw new UsageException($"option --{name} needs a value.");
                    v = args[++i];
                }
                cl._values[name] = v;
            }
            else
            {
                var all = values.Concat(flagSet).Order().Select(n => "--" + n);
                throw new UsageException($"unknown option --{name} for '{command}' (accepted: {string.Join(", ", all)}).");
            }
        }
        return cl;
    }

    /// <summary>Whether the option or flag was given.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>Whether a flag was given.</summary>
    public bool Flag(string name) => _values.ContainsKey(name);

    /// <summary>The raw value, or null.</summary>
    public string? String(string name) => _values.TryGetValue(name, out var v) ? v : null;

    /// <summary>An integer option within [min, max], or null when absent.</summary>
    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        var s = String(name);
        if (s is null) return null;
        if (!int.TryParse(s.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            throw new UsageException($"option --{name} expects a whole number, got '{s}'.");
        if (v < min || v > max) throw new UsageException($"option --{name} must be between {min} and {max}, got {v}.");
        return v;
    }

    /// <summary>A 64-bit integer option, or null when absent.</summary>
    public long? Long(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        var s = String(name);
        if (s is null) return null;
        if (!long.TryParse(s.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
            throw new UsageException($"option --{name} expects a whole number, got '{s}'.");
        if (v < min || v > max) throw new UsageException($"option --{name} must be between {min} and {max}, got {v}.");
        return v;
    }

    /// <summary>A comma-separated list of at least one 64-bit integer, or null when absent.</summary>
    public long[]? LongList(string name)
    {
        var s = String(name);
        if (s is null) return null;
        var values = s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => long.TryParse(x, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : throw new UsageException($"--{name}: '{x}' is not a whole number."))
            .ToArray();
        return values.Length > 0 ? values : throw new UsageException($"--{name}: give at least one whole number.");
    }

    /// <summary>A real option within [min, max], or null when absent.</summary>
    public double? Double(string name, double min = double.MinValue, double max = double.MaxValue)
    {
        var s = String(name);
        if (s is null) return null;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new UsageException($"option --{name} expects a number, got '{s}'.");
        if (v < min || v > max) throw new UsageException($"option --{name} must be between {min} and {max}, got {v}.");
        return v;
    }

    /// <summary>The backend named by <c>--backend</c> (default <paramref name="fallback"/>).</summary>
    public HybridRec.Model.Backends.BackendKind Backend(string fallback = "cpu")
    {
        try { return HybridRec.Model.Backends.BackendKinds.Parse(String("backend") ?? fallback); }
        catch (ArgumentException e) { throw new UsageException("--backend: " + e.Message); }
    }

    /// <summary>One of the given words, or null when absent.</summary>
    public string? Choice(string name, params string[] choices)
    {
        var s = String(name);
        if (s is null) return null;
        var lower = s.ToLowerInvariant();
        if (!choices.Contains(lower)) throw new UsageException($"option --{name} must be one of {string.Join(", ", choices)}, got '{s}'.");
        return lower;
    }
}
