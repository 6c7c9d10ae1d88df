using System.CommandLine;
using System.Globalization;
using HybridRec.Model;

namespace HybridRec.Bench.Configuration;

/// <summary>
/// One hyperparameter flag: its option, the configuration-file field it overrides, how it reads and sets a
/// <see cref="HybridConfiguration"/>, and the range a value must lie in (whether it comes from the flag or from a
/// <c>--config</c> file). Its help text shows the library's defaults (the tuned and the seed preset's values).
/// </summary>
internal abstract class Hyperparameter(string field)
{
    /// <summary>The field of a configuration file (<c>training.batch_size</c>).</summary>
    public string Field { get; } = field;

    /// <summary>The option.</summary>
    public abstract Option Option { get; }

    /// <summary>Whether the option was given on the command line.</summary>
    public bool Given(ParseResult r) => r.GetResult(Option) is { Implicit: false };

    /// <summary>The configuration with the option's value, when given.</summary>
    public abstract HybridConfiguration Apply(ParseResult r, HybridConfiguration c);

    /// <summary>Why <paramref name="c"/>'s value is outside the option's range, or null when it is inside.</summary>
    public abstract string? RangeProblem(HybridConfiguration c);

    /// <summary>The value in <paramref name="c"/> as the option would be written.</summary>
    public abstract string Show(HybridConfiguration c);

    /// <summary><paramref name="text"/> followed by the value of the library's presets.</summary>
    protected string WithDefaults(string text) =>
        $"{text} (tuned: {Show(HybridPresets.Tuned)}; seed: {Show(HybridPresets.Original)})";
}

/// <summary>A numeric hyperparameter (whole or real) with a range; a null value (e.g. no patience) is shown as <c>none</c>.</summary>
internal sealed class NumberHyperparameter<T> : Hyperparameter where T : struct, IComparable<T>, IFormattable
{
    private readonly Option<T?> _option;
    private readonly Func<HybridConfiguration, T?> _get;
    private readonly Func<HybridConfiguration, T, HybridConfiguration> _set;
    private readonly T _min, _max;

    public NumberHyperparameter(string field, Func<string, T, T, Option<T?>> create, string description, T min, T max,
        Func<HybridConfiguration, T?> get, Func<HybridConfiguration, T, HybridConfiguration> set) : base(field)
    {
        (_get, _set, _min, _max) = (get, set, min, max);
        _option = create(WithDefaults(description), min, max);
    }

    public override Option Option => _option;

    public override HybridConfiguration Apply(ParseResult r, HybridConfiguration c) => Given(r) && r.GetValue(_option) is T v ? _set(c, v) : c;

    public override string? RangeProblem(HybridConfiguration c) =>
        _get(c) is T v && (v.CompareTo(_min) < 0 || v.CompareTo(_max) > 0)
            ? $"{Format(v)} is outside {Format(_min)}–{Format(_max)}, the range of {Option.Name}"
            : null;

    public override string Show(HybridConfiguration c) => _get(c) is T v ? Format(v) : "none";

    private static string Format(T v) => v.ToString(v is double ? "G3" : "0", CultureInfo.InvariantCulture);
}

/// <summary>A hyperparameter that takes one of a few words (<c>dense|lazy</c>, <c>on|off</c>).</summary>
internal sealed class ChoiceHyperparameter<T> : Hyperparameter where T : struct
{
    private readonly Option<T?> _option;
    private readonly Func<HybridConfiguration, string> _show;
    private readonly Func<HybridConfiguration, T, HybridConfiguration> _set;

    public ChoiceHyperparameter(string field, string name, string description, (string Word, T Value)[] choices,
        Func<HybridConfiguration, string> show, Func<HybridConfiguration, T, HybridConfiguration> set) : base(field)
    {
        (_show, _set) = (show, set);
        _option = Cli.CliOption.Choice(name, WithDefaults(description), choices);
    }

    public override Option Option => _option;

    public override HybridConfiguration Apply(ParseResult r, HybridConfiguration c) => Given(r) && r.GetValue(_option) is T v ? _set(c, v) : c;

    public override string? RangeProblem(HybridConfiguration c) => null;

    public override string Show(HybridConfiguration c) => _show(c);
}
