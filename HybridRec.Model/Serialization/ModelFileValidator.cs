using System.Text.Json;
using HybridRec.Data;
using HybridRec.Model.Parameters;

namespace HybridRec.Model.Serialization;

/// <summary>
/// The semantic checks of a model file whose checksum is right, and the model they allow: options valid (and
/// naming the file's feature groups when they name any), rating scale (<see cref="ModelChecks.ScaleProblem"/>),
/// finite global offset, user and item ids strictly ascending, one name per item, feature groups (names, kinds,
/// rows in compressed form over their vocabulary, categorical rows of at most one value), user histories (sorted
/// distinct item indices per user), and per member as many parameters as the layout of those options and sizes has
/// (whatever its slices), every one finite and within ±10⁶ (<see cref="ParameterCheck"/>: what makes every prediction finite). The first problem throws <see cref="ModelFileProblem"/> naming the field.
/// </summary>
internal static class ModelFileValidator
{
    /// <summary>The model <paramref name="contents"/> describe, or a <see cref="ModelFileProblem"/>.</summary>
    public static HybridModel ToModel(ModelFileContents contents)
    {
        var c = contents;
        var options = Options(c);
        var scale = new RatingScale(c.ScaleMin, c.ScaleMax, c.ScaleStep);
        if (ModelChecks.ScaleProblem(scale) is { } scaleProblem) throw new ModelFileProblem($"rating scale: {scaleProblem}");
        if (!ParameterCheck.InRange(c.GlobalOffset)) throw new ModelFileProblem($"global offset: {ParameterCheck.Describe(c.GlobalOffset)}");
        if (ModelChecks.AscendingProblem(c.UserIds) is { } userProblem) throw new ModelFileProblem($"user ids: {userProblem}");
        if (ModelChecks.AscendingProblem(c.ItemIds) is { } itemProblem) throw new ModelFileProblem($"item ids: {itemProblem}");
        if (c.UserIds.Length == 0 || c.ItemIds.Length == 0)
            throw new ModelFileProblem($"the model has {c.UserIds.Length} users and {c.ItemIds.Length} items; it needs at least one of each");
        if (c.ItemNames.Length != c.ItemIds.Length) throw new ModelFileProblem($"item names: {c.ItemNames.Length:N0} names for {c.ItemIds.Length:N0} items");
        var itemGroups = Groups(c.ItemGroups, "item", c.ItemIds.Length, options.ItemFeatureGroups, nameof(HybridModelOptions.ItemFeatureGroups));
        var userGroups = Groups(c.UserGroups, "user", c.UserIds.Length, options.UserFeatureGroups, nameof(HybridModelOptions.UserFeatureGroups));
        if (ModelChecks.CompressedRowsProblem(c.HistoryOffsets, c.HistoryItems, c.UserIds.Length, c.ItemIds.Length) is { } historyProblem)
            throw new ModelFileProblem($"user histories: {historyProblem}");

        ParameterLayout layout;
        try
        {
            layout = new ParameterLayout(TowerFeatures.Dimensions(c.UserIds.Length, c.ItemIds.Length, itemGroups, userGroups), options);
        }
        catch (ArgumentException e)
        {
            throw new ModelFileProblem($"the parameter layout of the options and sizes: {e.Message}");
        }
        for (int k = 0; k < c.Members.Length; k++)
        {
            var p = c.Members[k];
            if (p.Length != layout.Count)
                throw new ModelFileProblem($"member {k + 1} has {p.Length:N0} parameters but the layout of the file's options and sizes has {layout.Count:N0} ({Describe(layout)})");
            if (ParameterCheck.Describe(layout, p) is { } nonFinite) throw new ModelFileProblem($"member {k + 1}: {nonFinite}");
        }
        return new HybridModel(c.DatasetName, options, scale, c.GlobalOffset, IdMap.FromRawIds(c.UserIds), IdMap.FromRawIds(c.ItemIds), c.ItemNames,
            itemGroups, userGroups, UserHistory.Own(c.HistoryOffsets, c.HistoryItems), c.Members);
    }

    /// <summary>At most the first 64 characters of <paramref name="text"/> (for messages quoting the file).</summary>
    public static string Excerpt(string text) => text.Length <= 64 ? text : text[..64] + "…";

    private static HybridModelOptions Options(ModelFileContents c)
    {
        HybridModelOptions? options;
        try
        {
            options = c.Version == 1
                ? JsonSerializer.Deserialize<VersionOneOptions>(c.OptionsJson)?.ToOptions()
                : JsonSerializer.Deserialize<HybridModelOptions>(c.OptionsJson);
            // Format 2 had no ranking head; format 3 always states its size (a missing one must not take today's default).
            if (options is not null && c.Version == 2) options = options with { RankingEmbeddingSize = 0 };
            if (options is not null && c.Version >= 3 && !HasProperty(c.OptionsJson, nameof(HybridModelOptions.RankingEmbeddingSize)))
                throw new ModelFileProblem($"options: {nameof(HybridModelOptions.RankingEmbeddingSize)} is missing (format version {c.Version} states the ranking head's size)");
            // Formats 1–3 had no rating blend (their models rank by the head alone); format 4 always states it.
            if (options is not null && c.Version <= 3) options = options with { RankingRatingBlend = 0f };
            if (options is not null && c.Version >= 4 && !HasProperty(c.OptionsJson, nameof(HybridModelOptions.RankingRatingBlend)))
                throw new ModelFileProblem($"options: {nameof(HybridModelOptions.RankingRatingBlend)} is missing (format version {c.Version} states the ranking score's rating blend)");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            throw new ModelFileProblem($"options: {e.Message.TrimEnd('.')}");
        }
        if (options is null) throw new ModelFileProblem("options: the JSON is null");
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ModelFileProblem($"options: {e.Message.TrimEnd('.')}");
        }
        return options;
    }

    private static bool HasProperty(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out _);
    }

    private static FeatureGroupCollection Groups(StoredFeatureGroup[] stored, string entity, int rows, IReadOnlyList<string>? selected, string option)
    {
        var groups = new FeatureGroup[stored.Length];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < stored.Length; i++)
        {
            var g = stored[i];
            string field = $"{entity} feature group {i + 1}";
            if (!FeatureGroup.IsValidName(g.Name)) throw new ModelFileProblem($"{field}: '{Excerpt(g.Name)}' is not a feature group name (a lower-case identifier)");
            field = $"{entity} feature group '{g.Name}'";
            if (!names.Add(g.Name)) throw new ModelFileProblem($"{field}: the name appears twice");
            if (!Enum.IsDefined((FeatureKind)g.Kind)) throw new ModelFileProblem($"{field}: unknown kind {g.Kind}");
            var kind = (FeatureKind)g.Kind;
            if (ModelChecks.CompressedRowsProblem(g.Offsets, g.Indices, rows, g.Vocabulary.Length, kind == FeatureKind.Categorical ? 1 : int.MaxValue) is { } problem)
                throw new ModelFileProblem($"{field} ({(kind == FeatureKind.Categorical ? "categorical" : "multi-hot")}, {rows:N0} {entity}s × {g.Vocabulary.Length:N0} values): {problem}");
            groups[i] = new FeatureGroup(g.Name, kind, SparseFeatures.Own(g.Offsets, g.Indices, g.Vocabulary));
        }
        if (selected is not null && !selected.SequenceEqual(stored.Select(g => g.Name), StringComparer.Ordinal))
            throw new ModelFileProblem($"options: {option} lists [{string.Join(", ", selected.Select(Excerpt))}] but the file's {entity} feature groups are [{string.Join(", ", stored.Select(g => g.Name))}]");
        return new FeatureGroupCollection(groups);
    }

    private static string Describe(ParameterLayout layout) =>
        string.Join(", ", layout.Slices.Take(12).Select(s => $"{s.Name} {s.Rows:N0}×{s.Columns:N0}")) + (layout.Slices.Count > 12 ? $", … ({layout.Slices.Count} slices)" : "");
}
