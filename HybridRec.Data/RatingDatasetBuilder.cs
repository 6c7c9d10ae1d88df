using System.Diagnostics;
using System.Globalization;
using HybridRec.Data.Preprocessing;

namespace HybridRec.Data;

/// <summary>
/// Builds a <see cref="RatingDataset"/> from data held in code: items with names, ratings, and feature values of
/// items and users in named groups. <see cref="Build"/> validates everything and returns the dataset with its load
/// report. Ratings are numbered from 1 in the order they are added; messages name those numbers.
/// </summary>
/// <example>
/// <code>
/// var data = new RatingDatasetBuilder("shop")
///     .DefineItemFeatureGroup("category", FeatureKind.MultiHot)
///     .AddItem(17, "Kettle").AddItemFeatures(17, "category", "kitchen", "electric")
///     .AddRating(userId: 1, itemId: 17, rating: 4)
///     .Build();
/// </code>
/// </example>
public sealed class RatingDatasetBuilder
{
    private const string RatingsFile = "ratings added to the builder";

    private readonly string _name;
    private readonly List<int> _itemIds = [];
    private readonly List<string> _itemNames = [];
    private readonly HashSet<int> _items = [];
    private readonly List<KeyedFeatureValues> _itemGroups = [];
    private readonly List<KeyedFeatureValues> _userGroups = [];
    private readonly List<int> _ratingUsers = [];
    private readonly List<int> _ratingItems = [];
    private readonly List<float> _ratings = [];

    /// <summary>Starts an empty dataset named <paramref name="name"/>.</summary>
    public RatingDatasetBuilder(string name = "in-memory")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>The rating scale; null (the default) infers it from the ratings (lowest, highest, smallest gap between two distinct values).</summary>
    public RatingScale? Scale { get; set; }

    /// <summary>What to do with a second rating of the same (user, item) pair.</summary>
    public DuplicateRatingPolicy Duplicates { get; set; } = DuplicateRatingPolicy.KeepLast;

    /// <summary>Adds an item; <paramref name="name"/> may be null (an empty name). Throws when the id was added before.</summary>
    public RatingDatasetBuilder AddItem(int itemId, string? name = null)
    {
        if (!_items.Add(itemId)) throw new ArgumentException($"item {itemId} was already added.", nameof(itemId));
        _itemIds.Add(itemId);
        _itemNames.Add(name ?? "");
        return this;
    }

    /// <summary>Declares an item feature group (a lower-case identifier, see <see cref="FeatureGroup.IsValidName"/>); groups keep the order they are declared in.</summary>
    public RatingDatasetBuilder DefineItemFeatureGroup(string name, FeatureKind kind) => Define(_itemGroups, name, kind, "item");

    /// <summary>Declares a user feature group.</summary>
    public RatingDatasetBuilder DefineUserFeatureGroup(string name, FeatureKind kind) => Define(_userGroups, name, kind, "user");

    /// <summary>Gives an added item values in a declared item group (a categorical group holds at most one value per item).</summary>
    public RatingDatasetBuilder AddItemFeatures(int itemId, string group, params string[] values)
    {
        if (!_items.Contains(itemId)) throw new ArgumentException($"item {itemId} has not been added (AddItem it before its features).", nameof(itemId));
        AddValues(_itemGroups, "item", itemId, group, values);
        return this;
    }

    /// <summary>
    /// Gives a user values in a declared user group. Users are the ones with ratings: values of a user who ends up
    /// without a rating are counted in the report and not kept.
    /// </summary>
    public RatingDatasetBuilder AddUserFeatures(int userId, string group, params string[] values)
    {
        AddValues(_userGroups, "user", userId, group, values);
        return this;
    }

    /// <summary>Adds a rating; the item must be added by the time <see cref="Build"/> runs.</summary>
    public RatingDatasetBuilder AddRating(int userId, int itemId, float rating)
    {
        if (!float.IsFinite(rating)) throw new ArgumentException($"rating {_ratings.Count + 1} is not a finite number ({rating}).", nameof(rating));
        _ratingUsers.Add(userId);
        _ratingItems.Add(itemId);
        _ratings.Add(rating);
        return this;
    }

    /// <summary>
    /// Validates and builds the dataset. Throws <see cref="ArgumentException"/> for a rating of an item never added
    /// or off the scale, <see cref="DatasetFormatException"/> for a duplicate rating under
    /// <see cref="DuplicateRatingPolicy.Error"/> (its "line" is the rating's number).
    /// </summary>
    public RatingDataset Build()
    {
        var clock = Stopwatch.StartNew();
        if (_itemIds.Count == 0) throw new ArgumentException("the dataset has no items (AddItem).");
        if (_ratings.Count == 0) throw new ArgumentException("the dataset has no ratings (AddRating).");
        var report = new LoadReport { Release = "built in code (RatingDatasetBuilder)" };
        var items = IdMap.FromRawIds(_itemIds);
        var names = new string[items.Count];
        for (int i = 0; i < _itemIds.Count; i++) names[items.GetIndex(_itemIds[i])] = _itemNames[i];

        bool inferred = Scale is null;
        var scale = Scale ?? RatingScaleInference.Infer(_ratings.Count, i => _ratings[i]);
        var accumulator = new RatingAccumulator(null, Array.MaxLength);
        for (int i = 0; i < _ratings.Count; i++)
        {
            if (!items.TryGetIndex(_ratingItems[i], out int item))
                throw new ArgumentException($"rating {i + 1} (user {_ratingUsers[i]}) is of item {_ratingItems[i]}, which was never added (AddItem).");
            if (RatingScaleInference.Problem(_ratings[i], scale, inferred) is string problem)
                throw new ArgumentException($"rating {i + 1} (user {_ratingUsers[i]}, item {_ratingItems[i]}): {problem}.");
            accumulator.Add(_ratingUsers[i], item, _ratings[i], i + 1);
        }
        report.RatingsRead = _ratings.Count;
        var (ratings, users) = accumulator.Complete(items, Duplicates, RatingsFile, report, "user,item", "item");
        report.ItemsRead = items.Count;

        var itemFeatures = new FeatureGroupCollection(_itemGroups.Select(g => g.Build(items)));
        var userFeatures = new FeatureGroupCollection(_userGroups.Select(g => g.Build(users)));
        int unknownUsers = _userGroups.SelectMany(g => g.Ids).Distinct().Count(id => !users.Contains(id));
        if (unknownUsers > 0)
        {
            report.UserProfilesWithoutRatings = unknownUsers;
            report.Warnings.Add($"user features of {unknownUsers:N0} users without ratings were not kept.");
        }
        report.Summarise(ratings, items.Count, itemFeatures, userFeatures);
        report.LoadTime = clock.Elapsed;
        var dataset = new RatingDataset
        {
            Name = _name,
            Source = "memory",
            Format = DatasetFormats.InMemory,
            Scale = scale,
            Users = users,
            Items = items,
            ItemNames = names,
            Ratings = ratings,
            ItemFeatures = itemFeatures,
            UserFeatures = userFeatures,
            Report = report,
        };
        dataset.Validate();
        return dataset;
    }

    private RatingDatasetBuilder Define(List<KeyedFeatureValues> groups, string name, FeatureKind kind, string entity)
    {
        FeatureGroup.ValidateName(name);
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown feature kind.");
        if (groups.Any(g => g.Name == name)) throw new ArgumentException($"the {entity} feature group '{name}' is already defined.", nameof(name));
        groups.Add(new KeyedFeatureValues(name, kind));
        return this;
    }

    private static void AddValues(List<KeyedFeatureValues> groups, string entity, int id, string group, string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var g = groups.FirstOrDefault(x => x.Name == group)
            ?? throw new ArgumentException($"no {entity} feature group named '{group}' (define it first; defined: {(groups.Count == 0 ? "none" : string.Join(", ", groups.Select(x => x.Name)))}).", nameof(group));
        foreach (var raw in values)
        {
            string value = raw?.Trim() ?? "";
            if (value.Length == 0) throw new ArgumentException($"{entity} {id}, group '{group}': a feature value is empty.", nameof(values));
            if (g.Add(id, value) is string existing)
                throw new ArgumentException($"{entity} {id}, group '{group}' is categorical and already holds '{existing}'; it cannot also hold '{value}'.", nameof(values));
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_name}: {_itemIds.Count} items, {_ratings.Count} ratings");
}
