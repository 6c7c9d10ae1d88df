using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace HybridRec.Bench.Cli;

/// <summary>
/// Typed options with their checks at the point of entry: whole numbers and reals in a range (invariant culture,
/// <c>_</c> as a digit separator), words from a fixed set (with completions), lists, byte sizes and paths that must
/// exist. A bad value is a parse error naming the option, the value and what was expected; a value left out is
/// null, so whatever the library defines as the default applies.
/// </summary>
internal static class CliOption
{
    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int?> Int(string name, string description, int min = int.MinValue, int max = int.MaxValue, string helpName = "N") =>
        Number<int>(name, description, min, max, helpName, "a whole number", s => int.TryParse(Digits(s), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null);

    /// <summary>A 64-bit whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<long?> Long(string name, string description, long min = long.MinValue, long max = long.MaxValue, string helpName = "N") =>
        Number<long>(name, description, min, max, helpName, "a whole number", s => long.TryParse(Digits(s), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : null);

    /// <summary>A finite real in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<double?> Real(string name, string description, double min = double.MinValue, double max = double.MaxValue, string helpName = "X") =>
        Number<double>(name, description, min, max, helpName, "a number",
            s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null);

    private static Option<T?> Number<T>(string name, string description, T min, T max, string helpName, string what, Func<string, T?> parse)
        where T : struct, IComparable<T>, IFormattable
    {
        bool bounded = !min.Equals(MinOf<T>()) || !max.Equals(MaxOf<T>());
        var option = new Option<T?>(name)
        {
            Description = bounded ? $"{description} [{Range(min, max)}]" : description,
            HelpName = helpName,
            Arity = ArgumentArity.ExactlyOne,
        };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            string text = result.Tokens[0].Value;
            if (parse(text) is not T value) return Fail<T?>(result, $"option {name} expects {what}, got '{text}'.");
            if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0) return Fail<T?>(result, $"option {name} must be {RangeWords(min, max)}, got {Show(value)}.");
            return value;
        };
        return option;
    }

    /// <summary>One of <paramref name="choices"/>' words (case-insensitive), mapped to its value; the words complete.</summary>
    public static Option<T?> Choice<T>(string name, string description, params (string Word, T Value)[] choices) where T : struct
    {
        // Exactly one token, also for bool values (System.CommandLine would otherwise take only true/false after a bool option).
        var option = new Option<T?>(name) { Description = description, HelpName = string.Join('|', choices.Select(c => c.Word)), Arity = ArgumentArity.ExactlyOne };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            string text = result.Tokens[0].Value;
            foreach (var (word, value) in choices)
                if (string.Equals(word, text.Trim(), StringComparison.OrdinalIgnoreCase)) return value;
            return Fail<T?>(result, $"option {name} must be one of {string.Join(", ", choices.Select(c => c.Word))}, got '{text}'.");
        };
        option.CompletionSources.Add(choices.Select(c => c.Word).ToArray());
        return option;
    }

    /// <summary>One of <paramref name="words"/> (case-insensitive), as written in the list; the words complete.</summary>
    public static Option<string?> Word(string name, string description, params string[] words)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = string.Join('|', words) };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            string text = result.Tokens[0].Value;
            return words.FirstOrDefault(w => string.Equals(w, text.Trim(), StringComparison.OrdinalIgnoreCase))
                   ?? Fail<string?>(result, $"option {name} must be one of {string.Join(", ", words)}, got '{text}'.");
        };
        option.CompletionSources.Add(words);
        return option;
    }

    /// <summary>A flag: present or not.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>Free text (a column name, a path that is written).</summary>
    public static Option<string?> Text(string name, string description, string helpName) => new(name) { Description = description, HelpName = helpName };

    /// <summary>An existing file (or, with <paramref name="directoryToo"/>, a file or a directory); a path that does not exist is a usage error.</summary>
    public static Option<string?> ExistingPath(string name, string description, string helpName, bool directoryToo = false)
    {
        var option = Text(name, description, helpName);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not string path) return;
            if (File.Exists(path) || (directoryToo && Directory.Exists(path))) return;
            result.AddError(directoryToo
                ? $"option {name}: '{path}' is neither a directory nor a file."
                : Directory.Exists(path) ? $"option {name}: '{path}' is a directory, not a file." : $"option {name}: the file '{path}' does not exist.");
        });
        return option;
    }

    /// <summary>A comma-separated list of at least one whole number, each in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<long[]?> LongList(string name, string description, string helpName = "LIST", long min = long.MinValue, long max = long.MaxValue) =>
        List<long>(name, description, helpName, "a whole number", s => long.TryParse(Digits(s), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v >= min && v <= max ? v : null);

    /// <summary>A comma-separated list of at least one positive whole number.</summary>
    public static Option<int[]?> PositiveIntList(string name, string description, string helpName = "LIST") =>
        List<int>(name, description, helpName, "a positive whole number", s => int.TryParse(Digits(s), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : null);

    /// <summary>A comma-separated list of at least one of <paramref name="words"/>, without repeats.</summary>
    public static Option<string[]?> WordList(string name, string description, params string[] words)
    {
        var option = new Option<string[]?>(name) { Description = description, HelpName = string.Join(',', words), Arity = ArgumentArity.ExactlyOne };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            string text = result.Tokens[0].Value;
            var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (items.Length == 0) return Fail<string[]?>(result, $"option {name}: give at least one of {string.Join(", ", words)}.");
            var chosen = new List<string>();
            foreach (var item in items)
            {
                string? word = words.FirstOrDefault(w => string.Equals(w, item, StringComparison.OrdinalIgnoreCase));
                if (word is null) return Fail<string[]?>(result, $"option {name}: '{item}' is not one of {string.Join(", ", words)}.");
                if (chosen.Contains(word)) return Fail<string[]?>(result, $"option {name}: '{word}' is given twice.");
                chosen.Add(word);
            }
            return chosen.ToArray();
        };
        option.CompletionSources.Add(words);
        return option;
    }

    private static Option<T[]?> List<T>(string name, string description, string helpName, string what, Func<string, T?> parse) where T : struct
    {
        var option = new Option<T[]?>(name) { Description = description, HelpName = helpName, Arity = ArgumentArity.ExactlyOne };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            string text = result.Tokens[0].Value;
            var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (items.Length == 0) return Fail<T[]?>(result, $"option {name}: give at least one number, e.g. 1,2,3.");
            var values = new T[items.Length];
            for (int i = 0; i < items.Length; i++)
                values[i] = parse(items[i]) ?? Fail<T>(result, $"option {name}: '{items[i]}' is not {what}.");
            return result.Errors.Any() ? null : values;
        };
        return option;
    }

    /// <summary>
    /// The list given for <paramref name="option"/>, or null when it was left out (System.CommandLine gives an empty
    /// array then; a list given is never empty), so the command's default applies.
    /// </summary>
    public static T[]? GetList<T>(this ParseResult r, Option<T[]?> option) => r.GetValue(option) is { Length: > 0 } values ? values : null;

    /// <summary>A size in bytes: a whole number with an optional unit (<c>KiB</c>, <c>MiB</c>, <c>GiB</c>, <c>TiB</c>, or K/M/G/T, powers of 1024).</summary>
    public static Option<long?> Bytes(string name, string description)
    {
        var option = new Option<long?>(name) { Description = description, HelpName = "SIZE" };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            string text = result.Tokens[0].Value;
            return ParseBytes(text) ?? Fail<long?>(result, $"option {name} expects a size such as 512MiB or 8GiB, got '{text}'.");
        };
        return option;
    }

    /// <summary>Parses <c>N</c>, <c>N KiB</c>, <c>N MiB</c>, <c>N GiB</c>, <c>N TiB</c> (also K, M, G, T; fractions allowed); null when malformed or not positive.</summary>
    public static long? ParseBytes(string text)
    {
        string s = text.Trim();
        int end = 0;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] is '.' or '_')) end++;
        if (!double.TryParse(Digits(s[..end]), NumberStyles.Float, CultureInfo.InvariantCulture, out double number)) return null;
        double scale = s[end..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            "T" or "TB" or "TIB" => 1L << 40,
            _ => double.NaN,
        };
        double bytes = number * scale;
        return double.IsFinite(bytes) && bytes >= 1 && bytes < long.MaxValue ? (long)bytes : null;
    }

    /// <summary>Records <paramref name="message"/> as the option's parse error and returns a placeholder.</summary>
    private static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    private static string Digits(string s) => s.Replace("_", "", StringComparison.Ordinal).Trim();

    private static string Range<T>(T min, T max) where T : IFormattable =>
        max.Equals(MaxOf<T>()) ? $"≥ {Show(min)}" : min.Equals(MinOf<T>()) ? $"≤ {Show(max)}" : $"{Show(min)}–{Show(max)}";

    private static string RangeWords<T>(T min, T max) where T : IFormattable =>
        max.Equals(MaxOf<T>()) ? $"at least {Show(min)}" : min.Equals(MinOf<T>()) ? $"at most {Show(max)}" : $"between {Show(min)} and {Show(max)}";

    private static string Show<T>(T value) where T : IFormattable => value.ToString(value is double ? "G" : "N0", CultureInfo.InvariantCulture);

    private static object MinOf<T>() => typeof(T) == typeof(int) ? int.MinValue : typeof(T) == typeof(long) ? (object)long.MinValue : double.MinValue;

    private static object MaxOf<T>() => typeof(T) == typeof(int) ? int.MaxValue : typeof(T) == typeof(long) ? (object)long.MaxValue : double.MaxValue;
}
