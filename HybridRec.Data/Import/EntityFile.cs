using System.Globalization;
using System.Text;
using HybridRec.Data.Preprocessing;
using HybridRec.Data.Readers;

namespace HybridRec.Data.Import;

/// <summary>
/// An items or users file of a CSV import: one line per id, an optional name column and feature columns whose
/// cells become the values of one feature group each. Column names become group names (lower-cased, other
/// characters than letters and digits replaced by <c>_</c>).
/// </summary>
internal sealed class EntityFile
{
    private EntityFile(string path, List<int> ids, List<string> names, List<KeyedFeatureValues> groups, long lines)
    {
        Path = path;
        Ids = ids;
        Names = names;
        Groups = groups;
        Lines = lines;
    }

    /// <summary>The file, as shown in messages.</summary>
    public string Path { get; }

    /// <summary>Ids in file order.</summary>
    public List<int> Ids { get; }

    /// <summary>Names in file order (empty strings without a name column).</summary>
    public List<string> Names { get; }

    /// <summary>One feature group per feature column, in column order.</summary>
    public List<KeyedFeatureValues> Groups { get; }

    /// <summary>Data lines read.</summary>
    public long Lines { get; }

    /// <summary>
    /// Reads <paramref name="path"/>: the id column <paramref name="idColumn"/>, the name column (null: none), and
    /// the feature columns (null: every other column); other columns are listed in the report as not used.
    /// </summary>
    public static EntityFile Read(string path, string idColumn, string entity, string? nameColumn, IReadOnlyList<string>? featureColumns,
        CsvImportOptions options, LoadReport report)
    {
        using var csv = CsvTable.Open(path);
        int id = csv.Require(idColumn, $"{entity} id");
        int name = nameColumn is null ? -1 : csv.Require(nameColumn, $"{entity} name");
        var features = featureColumns is null
            ? Enumerable.Range(0, csv.Columns.Count).Where(c => c != id && c != name && csv.Columns[c].Length > 0).ToArray()
            : featureColumns.Select(c => csv.Require(c, $"{entity} feature")).ToArray();
        foreach (int c in Enumerable.Range(0, csv.Columns.Count).Where(c => c != id && c != name && !features.Contains(c)))
            report.IgnoredColumns.Add($"{path}: {csv.Columns[c]}");
        var groupNames = GroupNames(csv, features);

        var ids = new List<int>();
        var names = new List<string>();
        var cells = features.Select(_ => new List<(int Id, string Cell)>()).ToArray();
        var lineOf = new Dictionary<int, long>();
        long lines = 0;
        while (csv.Read())
        {
            lines++;
            int value = FieldParser.ParseId(csv[id], path, csv.Line, csv.Columns[id]);
            if (!lineOf.TryAdd(value, csv.Line))
                throw new DatasetFormatException(path, csv.Line, csv.Columns[id], value.ToString(CultureInfo.InvariantCulture),
                    $"{entity} {value} is already listed on line {lineOf[value]}");
            ids.Add(value);
            names.Add(name >= 0 ? csv.Text(name) : "");
            for (int f = 0; f < features.Length; f++)
            {
                string cell = csv.Text(features[f]);
                if (cell.Length > 0) cells[f].Add((value, cell));
            }
        }
        report.FilesRead.Add(path);
        report.BlankLinesSkipped += csv.BlankLines;
        if (csv.BlankLines > 0) report.Warnings.Add($"{path}: skipped {csv.BlankLines:N0} blank line{(csv.BlankLines == 1 ? "" : "s")}.");

        var groups = new List<KeyedFeatureValues>();
        for (int f = 0; f < features.Length; f++)
        {
            string column = csv.Columns[features[f]];
            var kind = options.FeatureKinds?.FirstOrDefault(k => string.Equals(k.Key.Trim(), column, StringComparison.OrdinalIgnoreCase)) is { Key: not null } forced
                ? forced.Value
                : cells[f].Any(c => c.Cell.Contains(options.ListSeparator)) ? FeatureKind.MultiHot : FeatureKind.Categorical;
            var group = new KeyedFeatureValues(groupNames[f], kind);
            foreach (var (owner, cell) in cells[f])
            {
                if (kind == FeatureKind.Categorical) group.Add(owner, cell);
                else
                    foreach (var v in cell.Split(options.ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                        group.Add(owner, v);
            }
            groups.Add(group);
        }
        return new EntityFile(path, ids, names, groups, lines);
    }

    /// <summary>The group name of each feature column; names must be valid and distinct.</summary>
    private static string[] GroupNames(CsvTable csv, int[] features)
    {
        var result = new string[features.Length];
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int f = 0; f < features.Length; f++)
        {
            string column = csv.Columns[features[f]];
            string name = GroupNameOf(column);
            if (!FeatureGroup.IsValidName(name))
                throw new DatasetFormatException(csv.Path, 1, column, column, $"column '{column}' cannot name a feature group (it gives '{name}'; use letters and digits)");
            if (!seen.TryAdd(name, column))
                throw new DatasetFormatException(csv.Path, 1, column, column, $"columns '{seen[name]}' and '{column}' both give the feature group name '{name}'");
            result[f] = name;
        }
        return result;
    }

    /// <summary>A column name as a group name: lower case, runs of other characters than a–z and 0–9 as one <c>_</c>, a leading digit prefixed with <c>f_</c>.</summary>
    public static string GroupNameOf(string column)
    {
        var sb = new StringBuilder();
        foreach (char c in column.Trim().ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
        }
        string name = sb.ToString().TrimEnd('_');
        return name.Length > 0 && char.IsAsciiDigit(name[0]) ? "f_" + name : name;
    }
}
