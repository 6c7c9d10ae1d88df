using System.Text.RegularExpressions;

namespace HybridRec.Data;

/// <summary>
/// One named group of features of items or users, e.g. the genres of movies or the age band of users: a sparse
/// matrix whose rows are item (or user) indices and whose columns are the group's vocabulary. The model builds one
/// tower per group. Immutable.
/// </summary>
public sealed partial class FeatureGroup
{
    /// <summary>Creates a group, validating its name and, for <see cref="FeatureKind.Categorical"/>, that no row holds more than one value.</summary>
    /// <param name="name">A lower-case identifier (<c>[a-z][a-z0-9_]*</c>, at most 64 characters), e.g. <c>genres</c>; it names the tower's parameters.</param>
    /// <param name="kind">Multi-hot or categorical.</param>
    /// <param name="values">Rows = items or users, columns = the vocabulary.</param>
    /// <exception cref="ArgumentException">The name is not a lower-case identifier, or a categorical row holds several values.</exception>
    public FeatureGroup(string name, FeatureKind kind, SparseFeatures values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ValidateName(name);
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown feature kind.");
        var counts = new int[values.Columns];
        int rowsWithValue = 0;
        for (int r = 0; r < values.Rows; r++)
        {
            var row = values.Row(r);
            if (row.Length > 1 && kind == FeatureKind.Categorical)
                throw new ArgumentException($"feature group '{name}' is categorical but row {r} holds {row.Length} values.", nameof(values));
            if (row.Length > 0) rowsWithValue++;
            foreach (int j in row) counts[j]++;
        }
        Name = name;
        Kind = kind;
        Values = values;
        Counts = Array.AsReadOnly(counts);
        RowsWithValue = rowsWithValue;
    }

    /// <summary>The group's name, a lower-case identifier.</summary>
    public string Name { get; }

    /// <summary>Multi-hot or categorical.</summary>
    public FeatureKind Kind { get; }

    /// <summary>The values: row = item or user index, columns = <see cref="Vocabulary"/>.</summary>
    public SparseFeatures Values { get; }

    /// <summary>The vocabulary (column names).</summary>
    public IReadOnlyList<string> Vocabulary => Values.Vocabulary;

    /// <summary>Per vocabulary entry, the number of rows that hold it.</summary>
    public IReadOnlyList<int> Counts { get; }

    /// <summary>Rows holding at least one value.</summary>
    public int RowsWithValue { get; }

    /// <summary>Number of rows (items or users).</summary>
    public int Rows => Values.Rows;

    /// <summary>Whether <paramref name="name"/> is a valid group name: a lower-case identifier <c>[a-z][a-z0-9_]*</c> of at most 64 characters.</summary>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= 64 } && NamePattern().IsMatch(name);

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> is not a valid group name.</summary>
    public static void ValidateName(string? name)
    {
        if (!IsValidName(name))
            throw new ArgumentException($"'{name}' is not a valid feature group name: use a lower-case identifier ([a-z][a-z0-9_]*, at most 64 characters).", nameof(name));
    }

    /// <summary>A group of <paramref name="rows"/> rows with an empty vocabulary.</summary>
    public static FeatureGroup Empty(string name, FeatureKind kind, int rows) => new(name, kind, SparseFeatures.Empty(rows));

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({(Kind == FeatureKind.MultiHot ? "multi-hot" : "categorical")}, {Vocabulary.Count:N0} values, {RowsWithValue:N0} of {Rows:N0} rows with a value)";

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
