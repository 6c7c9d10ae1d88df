using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HybridRec.Model.Serialization;
using HybridRec.Model.Training;

namespace HybridRec.Model;

/// <summary>
/// The hyperparameters of a run: the architecture (<see cref="Model"/>), the training schedule and optimiser
/// (<see cref="Training"/>) and, for MovieLens data, the tag threshold. The default is the tuned configuration the
/// README's figures come from (<see cref="HybridPresets.Tuned"/>). Saved and loaded as JSON (snake_case, nested
/// <c>model</c> and <c>training</c> objects); the run settings of <see cref="TrainingOptions"/> — seed, backend,
/// threads, concurrent members, progress interval, shared validation — are not part of it.
/// </summary>
public sealed record HybridConfiguration
{
    /// <summary>Default <see cref="MinTagCount"/> (tuned on ml-latest-small).</summary>
    public const int DefaultMinTagCount = 2;

    /// <summary>The network.</summary>
    public HybridModelOptions Model { get; init; } = new();

    /// <summary>The schedule and optimiser.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>MovieLens: tags used fewer times are dropped when the data is loaded (see <see cref="Data.MovieLensLoadOptions.MinTagCount"/>).</summary>
    public int MinTagCount { get; init; } = DefaultMinTagCount;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Model, nameof(Model));
        ArgumentNullException.ThrowIfNull(Training, nameof(Training));
        Model.Validate();
        Training.Validate();
        if (Model.EmbeddingTableL2 > 0 && Training.Adam.Variant == AdamVariant.Lazy)
            throw new ArgumentException("model.embedding_table_l2 needs dense Adam (lazy Adam cannot decay rows a batch does not touch).");
        if (MinTagCount < 1) throw new ArgumentException($"min_tag_count must be at least 1 (got {MinTagCount}).");
    }

    /// <summary>The run settings of <see cref="TrainingOptions"/>, which a configuration file does not hold.</summary>
    private static readonly HashSet<string> RunSettings =
        [nameof(TrainingOptions.Seed), nameof(TrainingOptions.Backend), nameof(TrainingOptions.Threads), nameof(TrainingOptions.ConcurrentMembers),
         nameof(TrainingOptions.ProgressInterval), nameof(TrainingOptions.SharedValidation)];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A null where the options hold no null ({"training":{"adam":null}}) is a JsonException naming the field, not a NullReferenceException in Validate.
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (info.Type != typeof(TrainingOptions)) return;
                    for (int i = info.Properties.Count - 1; i >= 0; i--)
                        if (info.Properties[i].AttributeProvider is System.Reflection.MemberInfo m && RunSettings.Contains(m.Name)) info.Properties.RemoveAt(i);
                },
            },
        },
    };

    /// <summary>The configuration as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Parses JSON written by <see cref="ToJson"/>; fields left out keep their defaults. Unknown fields, malformed
    /// values and invalid settings throw <see cref="InvalidDataException"/> naming <paramref name="source"/> and the field.
    /// </summary>
    public static HybridConfiguration FromJson(string json, string source = "configuration")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var config = JsonSerializer.Deserialize<HybridConfiguration>(json, Json) ?? throw new InvalidDataException($"'{source}' holds no configuration.");
            config.Validate();
            return config;
        }
        catch (JsonException e)
        {
            string field = string.IsNullOrEmpty(e.Path) ? "" : $" (field {e.Path})";
            throw new InvalidDataException($"'{source}' is not a valid HybridRec configuration{field}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"'{source}': {e.Message}", e);
        }
    }

    /// <summary>Reads a configuration file (see <see cref="FromJson"/>).</summary>
    public static HybridConfiguration Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"configuration file '{path}' does not exist.", path);
        return FromJson(File.ReadAllText(path), path);
    }

    /// <summary>Writes the configuration as JSON, atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson() + Environment.NewLine);
}
