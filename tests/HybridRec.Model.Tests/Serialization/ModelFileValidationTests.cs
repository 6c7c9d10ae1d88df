using HybridRec.Model.Tests.Fuzzing;

namespace HybridRec.Model.Tests.Serialization;

/// <summary>
/// Files whose lengths and checksum are right but whose contents are not: each must fail with
/// <see cref="InvalidDataException"/> naming the file and the problem, never load into a model that serves NaN.
/// The files are the fuzzer's seed with a 2-member ensemble, biases, item towers over tags and genres and a
/// categorical user tower, changed field by field through <see cref="ModelImage"/> (which writes lengths and checksum
/// again).
/// </summary>
public sealed class ModelFileValidationTests
{
    private const string Name = "bad.hrec";
    private static readonly byte[] Seed = ModelFuzzSeeds.All.Single(s => s.Name == "ensemble-biases-user-tower").File;
    private static readonly HybridModel Valid = HybridModel.Load(new MemoryStream(Seed), "seed");

    private static string Rejection(Action<ModelImage> change)
    {
        var image = ModelImage.Decode(Seed);
        change(image);
        var e = Assert.Throws<InvalidDataException>(() => HybridModel.Load(new MemoryStream(image.ToFile()), Name));
        Assert.StartsWith($"'{Name}' ", e.Message);
        Assert.False(e.InnerException is ArgumentException, $"found by a type's argument check, not the reader's: {e.InnerException}");
        return e.Message;
    }

    private static void Rejects(Action<ModelImage> change, params string[] fragments)
    {
        string message = Rejection(change);
        Assert.StartsWith($"'{Name}' is not a valid HybridRec model: ", message);
        foreach (var f in fragments) Assert.Contains(f, message);
    }

    private static ImageGroup Group(ModelImage m, string name) => m.ItemGroups.Concat(m.UserGroups).Single(g => g.Name == name);

    // Valid compressed rows of one value per row: row r holds r % columns.
    private static void OneValuePerRow(ImageGroup g, int rows)
    {
        g.Offsets = [.. Enumerable.Range(0, rows + 1)];
        g.Indices = [.. Enumerable.Range(0, rows).Select(r => r % g.Vocabulary.Count)];
    }

    [Fact]
    public void TheSeedIsValidAndTheImageRewritesItUnchanged()
    {
        Assert.Equal(Seed, ModelImage.Decode(Seed).ToFile());
        Assert.Equal(2, Valid.Members.Count);
        Assert.Equal(["tags", "genres"], Valid.ItemFeatures.Names);
        Assert.Equal(["segment"], Valid.UserFeatures.Names);
    }

    [Fact]
    public void RatingScalesThatCannotNormaliseAreRejected()
    {
        Rejects(m => m.Step = float.NaN, "rating scale: min 0.5, max 5 and step NaN must be finite");
        Rejects(m => m.Max = float.PositiveInfinity, "rating scale:", "must be finite");
        Rejects(m => (m.Min, m.Max) = (m.Max, m.Min), "rating scale: min 5 must be below max 0.5");
        Rejects(m => m.Step = 0, "rating scale: step 0 must be > 0");
        Rejects(m => m.Step = 0.7f, "rating scale: step 0.7 does not divide the range 0.5 to 5");
        Rejects(m => (m.Min, m.Max) = (-3e38f, 3e38f), "is too wide for float");
        // The finding of the long fuzz run: a step of 0.1 over ±1e38 "divides" the range only because every double that
        // large is a whole number.
        Rejects(m => (m.Min, m.Max, m.Step) = (-1e38f, 7e37f, 0.1f), "into 1.7E+39 steps, more than a float tells apart (16,777,216)");
    }

    [Fact]
    public void AGlobalOffsetMustBeFiniteAndModerate()
    {
        Rejects(m => m.Offset = float.NaN, "global offset: NaN");
        Rejects(m => m.Offset = float.NegativeInfinity, "global offset: −∞");
        Rejects(m => m.Offset = 3e7f, "global offset: 3E+07, beyond ±1E+06");
    }

    [Fact]
    public void IdsMustBeStrictlyAscending()
    {
        Rejects(m => (m.UserIds[0], m.UserIds[1]) = (m.UserIds[1], m.UserIds[0]), "user ids: id 1 at index 1 follows id 2", "strictly ascending");
        Rejects(m => m.ItemIds[4] = m.ItemIds[3], $"item ids: id {Valid.Items.GetRawId(3)} at index 4 follows id {Valid.Items.GetRawId(3)}");
        Rejects(m => m.UserIds.Reverse(), "user ids:");
    }

    [Fact]
    public void ThereIsOneNamePerItem()
    {
        Rejects(m => m.ItemNames.RemoveAt(0), "item names: 8 names for 9 items");
        Rejects(m => m.ItemNames.Add("one more"), "item names: 10 names for 9 items");
    }

    [Fact]
    public void FeatureGroupsMustBeCompressedRowsOverTheirVocabulary()
    {
        Rejects(m => Group(m, "genres").Kind = 7, "item feature group 'genres': unknown kind 7");
        Rejects(m => Group(m, "genres").Name = "Genres", "item feature group 2: 'Genres' is not a feature group name");
        Rejects(m => Group(m, "genres").Name = "tags", "item feature group 'tags': the name appears twice");
        Rejects(m => Group(m, "genres").Offsets.RemoveAt(0), "item feature group 'genres' (multi-hot, 9 items", "9 row offsets for 9 rows (needs 10)");
        Rejects(m =>
        {
            var g = Group(m, "genres");
            OneValuePerRow(g, 9);
            g.Offsets[2] = 0;   // row 1 from 1 back to 0
        }, "item feature group 'genres'", "row 1's offsets run backwards (1 to 0)");
        Rejects(m =>
        {
            var g = Group(m, "genres");
            OneValuePerRow(g, 9);
            g.Indices[3] = g.Vocabulary.Count;
        }, "item feature group 'genres'", $"row 3 holds {Valid.ItemFeatures["genres"].Vocabulary.Count}, outside [0, {Valid.ItemFeatures["genres"].Vocabulary.Count})");
        Rejects(m =>
        {
            var g = Group(m, "tags");
            g.Offsets = [0, 2, .. Enumerable.Repeat(2, 8)];
            g.Indices = [1, 0];
        }, "item feature group 'tags'", "row 0 is not sorted and distinct (0 after 1)");
        Rejects(m =>
        {
            var g = Group(m, "segment");
            g.Offsets = [0, 2, .. Enumerable.Repeat(2, 6)];
            g.Indices = [0, 1];
        }, "user feature group 'segment' (categorical, 7 users × 2 values): row 0 holds 2 values, more than 1");
        Rejects(m => Group(m, "tags").Vocabulary.Add("new"), "member 1 has", "parameters but the layout of the file's options and sizes has");
    }

    [Fact]
    public void TheOptionsMustNameTheFilesFeatureGroups()
    {
        Rejects(m => Group(m, "tags").Name = "labels", "options: ItemFeatureGroups lists [tags, genres] but the file's item feature groups are [labels, genres]");
        Rejects(m => m.UserGroups.Clear(), "user");
    }

    [Fact]
    public void UserHistoriesMustBeSortedItemIndicesPerUser()
    {
        Rejects(m => m.HistoryOffsets.RemoveAt(m.HistoryOffsets.Count - 1), "user histories: 7 row offsets for 7 rows (needs 8)");
        Rejects(m => m.HistoryOffsets[0] = 1, "user histories: the first row offset is 1, not 0");
        Rejects(m => m.HistoryItems[0] = 9, "user histories: row 0 holds 9, outside [0, 9)");
        Rejects(m => m.HistoryItems[1] = m.HistoryItems[0], "user histories: row 0 is not sorted and distinct");
        Rejects(m => m.HistoryOffsets[1] = m.HistoryItems.Count + 5, "user histories: row 0 ends at");
    }

    [Fact]
    public void EveryMemberHasTheLayoutsParametersAllFiniteAndModerate()
    {
        var layout = Valid.Layout;
        int e = layout.E;
        Rejects(m => m.Members[1][layout.ItemCf.Offset + 2 * e + 1] = float.NaN, "member 2: parameter item_cf[2, 1] is NaN");
        Rejects(m => m.Members[0][layout.OutBias.Offset] = float.PositiveInfinity, "member 1: parameter out_bias[0, 0] is +∞");
        Rejects(m => m.Members[0][layout.UserTowers[0].Kernel.Offset + 1] = -2e9f, "member 1: parameter user_segment_kernel[0, 1] is -2E+09, beyond ±1E+06");
        Rejects(m => m.Members[1] = m.Members[1][..^1], $"member 2 has {layout.Count - 1:N0} parameters but the layout of the file's options and sizes has {layout.Count:N0} (user_cf 7×4, user_nn 7×4");
        Rejects(m => m.Json = m.Json.Replace("\"EmbeddingSize\":4", "\"EmbeddingSize\":5"), "member 1 has", "but the layout of the file's options and sizes has");
        // The ensemble size is a structural bound, checked while reading.
        string none = Rejection(m => m.Members.Clear());
        Assert.Contains("ensemble size (payload byte", none);
        Assert.Contains("0 members; a model has 1 to 1024", none);
        string many = Rejection(m => m.Members.AddRange(Enumerable.Repeat(m.Members[0], 1023)));
        Assert.Contains("1025 members; a model has 1 to 1024", many);
    }

    [Fact]
    public void OptionsMustBeValidJsonOfValidOptions()
    {
        Rejects(m => m.Json = m.Json.Replace("\"EmbeddingSize\":4", "\"EmbeddingSize\":0"), "options: EmbeddingSize must be at least 1 (got 0)");
        Rejects(m => m.Json = "null", "options: the JSON is null");
        Rejects(m => m.Json = m.Json[..10], "options: ");
        Rejects(m => m.Json = m.Json.Replace("\"EmbeddingSize\":4", "\"EmbeddingSize\":\"four\""), "options: The JSON value could not be converted");
    }

    [Fact]
    public void ABrokenStructureIsReportedAsCorruptionWhenTheChecksumIsWrongToo()
    {
        var image = ModelImage.Decode(Seed);
        image.Members[0][3] = float.NaN;
        var file = image.ToFile();
        file[^1] ^= 1;
        var e = Assert.Throws<InvalidDataException>(() => HybridModel.Load(new MemoryStream(file), Name));
        Assert.Equal($"'{Name}' is corrupted: its checksum does not match its contents.", e.Message);

        var (payload, lengths) = ModelImage.Decode(Seed).Encode();
        BitConverter.TryWriteBytes(payload.AsSpan(lengths[0]), 1 << 30);   // the user id count
        var consistent = ModelImage.File(2, payload);
        Assert.Contains("user ids (payload byte", Assert.Throws<InvalidDataException>(() => HybridModel.Load(new MemoryStream(consistent), Name)).Message);
        consistent[^1] ^= 1;
        Assert.Contains("is corrupted", Assert.Throws<InvalidDataException>(() => HybridModel.Load(new MemoryStream(consistent), Name)).Message);
    }

    [Fact]
    public void ModelsWithParametersOutOfRangeCannotBeCreatedEither()
    {
        var members = Valid.Members.Select(p => (float[])p.Clone()).ToList();
        members[0][0] = float.NaN;
        var e = Assert.Throws<ArgumentException>(() => new HybridModel(Valid.DatasetName, Valid.Options, Valid.Scale, Valid.GlobalOffset, Valid.Users, Valid.Items,
            Valid.ItemNames, Valid.ItemFeatures, Valid.UserFeatures, Valid.History, members));
        Assert.Contains("member 1 of 2: parameter user_cf[0, 0] is NaN", e.Message);
    }
}
