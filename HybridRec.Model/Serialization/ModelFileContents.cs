namespace HybridRec.Model.Serialization;

/// <summary>A feature group as a model file stores it: name, kind (as its integer), vocabulary and rows in compressed form.</summary>
internal sealed record StoredFeatureGroup(string Name, int Kind, string[] Vocabulary, int[] Offsets, int[] Indices);

/// <summary>
/// The fields of a model file's payload as read, before any semantic check (<see cref="ModelFileValidator"/> checks
/// them and builds the model). Version-1 files have their genre and tag features as the item groups
/// <c>genres</c> and <c>tags</c> and no user groups.
/// </summary>
internal sealed class ModelFileContents
{
    public required int Version { get; init; }

    public required string OptionsJson { get; init; }

    public required string DatasetName { get; init; }

    public required float ScaleMin { get; init; }

    public required float ScaleMax { get; init; }

    public required float ScaleStep { get; init; }

    public required float GlobalOffset { get; init; }

    public required int[] UserIds { get; init; }

    public required int[] ItemIds { get; init; }

    public required string[] ItemNames { get; init; }

    public required StoredFeatureGroup[] ItemGroups { get; init; }

    public required StoredFeatureGroup[] UserGroups { get; init; }

    public required int[] HistoryOffsets { get; init; }

    public required int[] HistoryItems { get; init; }

    public required float[][] Members { get; init; }
}
