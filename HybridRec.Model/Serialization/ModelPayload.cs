using System.Text.Json;
using HybridRec.Data;

namespace HybridRec.Model.Serialization;

/// <summary>
/// The fields of the payload in file order (<see cref="ModelFile"/>): written from a model, read into
/// <see cref="ModelFileContents"/> with only the structural checks reading needs (lengths that fit, plausible counts);
/// <see cref="ModelFileValidator"/> checks the meaning.
/// </summary>
internal static class ModelPayload
{
    /// <summary>The most feature groups of one entity a file may declare.</summary>
    public const int MaxFeatureGroups = 4096;

    /// <summary>The most ensemble members a file may declare.</summary>
    public const int MaxMembers = 1024;

    /// <summary>Writes <paramref name="model"/>'s payload (format version <see cref="ModelFile.FormatVersion"/>).</summary>
    public static async ValueTask WriteAsync(PayloadWriter w, HybridModel model)
    {
        await w.WriteStringAsync(JsonSerializer.Serialize(model.Options));
        await w.WriteStringAsync(model.DatasetName);
        await w.WriteSingleAsync(model.Scale.Min);
        await w.WriteSingleAsync(model.Scale.Max);
        await w.WriteSingleAsync(model.Scale.Step);
        await w.WriteSingleAsync(model.GlobalOffset);
        await w.WriteInt32sAsync(model.Users.RawIds.ToArray());
        await w.WriteInt32sAsync(model.Items.RawIds.ToArray());
        await w.WriteStringsAsync(model.ItemNames);
        await WriteGroupsAsync(w, model.ItemFeatures);
        await WriteGroupsAsync(w, model.UserFeatures);
        await w.WriteInt32sAsync(model.History.OffsetArray);
        await w.WriteInt32sAsync(model.History.ItemArray);
        await w.WriteInt32Async(model.Members.Count);
        foreach (var parameters in model.Members) await w.WriteSinglesAsync(parameters);
        await w.FlushAsync();
    }

    /// <summary>Reads a payload of format <paramref name="version"/>; throws <see cref="ModelFileProblem"/> when a length does not fit.</summary>
    public static async ValueTask<ModelFileContents> ReadAsync(PayloadReader r, int version)
    {
        r.Field = "options";
        string json = await r.ReadStringAsync();
        r.Field = "dataset name";
        string name = await r.ReadStringAsync();
        r.Field = "rating scale";
        float min = await r.ReadSingleAsync(), max = await r.ReadSingleAsync(), step = await r.ReadSingleAsync();
        r.Field = "global offset";
        float offset = await r.ReadSingleAsync();
        r.Field = "user ids";
        var users = await r.ReadInt32sAsync();
        r.Field = "item ids";
        var items = await r.ReadInt32sAsync();
        r.Field = "item names";
        var names = await r.ReadStringsAsync();
        StoredFeatureGroup[] itemGroups, userGroups;
        if (version == 1)
        {
            itemGroups = [await ReadFeaturesAsync(r, VersionOneOptions.GenresGroup, (int)FeatureKind.MultiHot, "genre features"),
                          await ReadFeaturesAsync(r, VersionOneOptions.TagsGroup, (int)FeatureKind.MultiHot, "tag features")];
            userGroups = [];
        }
        else
        {
            itemGroups = await ReadGroupsAsync(r, "item");
            userGroups = await ReadGroupsAsync(r, "user");
        }
        r.Field = "history offsets";
        var historyOffsets = await r.ReadInt32sAsync();
        r.Field = "history items";
        var historyItems = await r.ReadInt32sAsync();
        r.Field = "ensemble size";
        int memberCount = await r.ReadInt32Async();
        if (memberCount < 1 || memberCount > MaxMembers) throw r.Problem($"{memberCount} members; a model has 1 to {MaxMembers}");
        var members = new float[memberCount][];
        for (int k = 0; k < memberCount; k++)
        {
            r.Field = $"parameters of member {k + 1}";
            members[k] = await r.ReadSinglesAsync();
        }
        return new ModelFileContents
        {
            Version = version, OptionsJson = json, DatasetName = name, ScaleMin = min, ScaleMax = max, ScaleStep = step, GlobalOffset = offset,
            UserIds = users, ItemIds = items, ItemNames = names, ItemGroups = itemGroups, UserGroups = userGroups,
            HistoryOffsets = historyOffsets, HistoryItems = historyItems, Members = members,
        };
    }

    private static async ValueTask WriteGroupsAsync(PayloadWriter w, FeatureGroupCollection groups)
    {
        await w.WriteInt32Async(groups.Count);
        foreach (var g in groups)
        {
            await w.WriteStringAsync(g.Name);
            await w.WriteInt32Async((int)g.Kind);
            await w.WriteStringsAsync(g.Vocabulary);
            await w.WriteInt32sAsync(g.Values.OffsetArray);
            await w.WriteInt32sAsync(g.Values.IndexArray);
        }
    }

    private static async ValueTask<StoredFeatureGroup[]> ReadGroupsAsync(PayloadReader r, string entity)
    {
        r.Field = $"{entity} feature groups";
        // Each group takes at least 17 bytes: a name, its kind and three lengths.
        int n = await r.ReadCountAsync(17);
        if (n > MaxFeatureGroups) throw r.Problem($"{n:N0} groups; a model has at most {MaxFeatureGroups:N0}");
        var groups = new StoredFeatureGroup[n];
        for (int i = 0; i < n; i++)
        {
            r.Field = $"{entity} feature group {i + 1}";
            string name = await r.ReadStringAsync();
            int kind = await r.ReadInt32Async();
            groups[i] = await ReadFeaturesAsync(r, name, kind, $"{entity} feature group {i + 1} ('{ModelFileValidator.Excerpt(name)}')");
        }
        return groups;
    }

    private static async ValueTask<StoredFeatureGroup> ReadFeaturesAsync(PayloadReader r, string name, int kind, string field)
    {
        r.Field = $"{field}, vocabulary";
        var vocabulary = await r.ReadStringsAsync();
        r.Field = $"{field}, row offsets";
        var offsets = await r.ReadInt32sAsync();
        r.Field = $"{field}, values";
        var indices = await r.ReadInt32sAsync();
        return new StoredFeatureGroup(name, kind, vocabulary, offsets, indices);
    }
}
