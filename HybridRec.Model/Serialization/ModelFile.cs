using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HybridRec.Data;

namespace HybridRec.Model.Serialization;

/// <summary>
/// The model file format (little-endian):
/// <code>
/// magic    16 bytes  "HYBRIDREC-MODEL" + NUL
/// version  int32     format version (2; version 1 is still read)
/// length   int64     payload length in bytes
/// payload            version 2: options (JSON), dataset name, rating scale, global offset, user and item id maps,
///                    item names, the item feature groups and the user feature groups of the towers (each: name,
///                    kind, vocabulary, rows in CSR form), user histories, one parameter set per ensemble member;
///                    version 1 (before feature groups): options (JSON with GenreWidth/TagWidth), dataset name,
///                    scale, offset, id maps, titles, genre and tag features, histories, parameter sets
/// checksum 32 bytes  SHA-256 of the payload
/// </code>
/// A version-1 file loads as a model whose item towers are over the groups <c>genres</c> and <c>tags</c> with the
/// widths of its options and which has no user towers; its parameter vectors are vectors of that layout.
/// Files are written to a temporary file in the target directory and renamed over the target, so a crash
/// never leaves a half-written model. Reading checks magic, version, length and checksum before parsing, so a
/// truncated, corrupted or foreign file raises <see cref="InvalidDataException"/> instead of yielding garbage.
/// </summary>
public static class ModelFile
{
    /// <summary>The 16-byte magic at the start of every model file.</summary>
    public static ReadOnlySpan<byte> Magic => "HYBRIDREC-MODEL\0"u8;

    /// <summary>The format version this library writes.</summary>
    public const int FormatVersion = 2;

    /// <summary>The oldest format version this library reads.</summary>
    public const int OldestReadableVersion = 1;

    private const int HeaderLength = 16 + 4 + 8;
    private const int ChecksumLength = 32;

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(HybridModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] payload = WritePayload(model);
        byte[] checksum = SHA256.HashData(payload);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(Magic);
            Span<byte> header = stackalloc byte[12];
            BitConverter.TryWriteBytes(header[..4], FormatVersion);
            BitConverter.TryWriteBytes(header[4..], (long)payload.Length);
            stream.Write(header);
            stream.Write(payload);
            stream.Write(checksum);
        });
    }

    /// <summary>Reads a model file; throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static HybridModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"model file '{path}' does not exist.", path);
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a HybridRec model file (wrong magic bytes).");
        if (bytes.Length < HeaderLength)
            throw new InvalidDataException($"'{path}' is truncated: {bytes.Length} bytes, shorter than the {HeaderLength}-byte header.");
        int version = BitConverter.ToInt32(bytes, 16);
        if (version < OldestReadableVersion || version > FormatVersion)
            throw new InvalidDataException($"'{path}' has model format version {version}; this library reads versions {OldestReadableVersion} to {FormatVersion}" +
                (version > FormatVersion ? " (the file was written by a newer HybridRec)." : "."));
        long length = BitConverter.ToInt64(bytes, 20);
        long expected = HeaderLength + length + ChecksumLength;
        if (length < 0 || bytes.Length < expected)
            throw new InvalidDataException($"'{path}' is truncated: {bytes.Length:N0} bytes, expected {expected:N0}.");
        if (bytes.Length > expected)
            throw new InvalidDataException($"'{path}' has {bytes.Length - expected:N0} unexpected bytes after the checksum.");
        var payload = bytes.AsSpan(HeaderLength, (int)length);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(HeaderLength + (int)length, ChecksumLength)))
            throw new InvalidDataException($"'{path}' is corrupted: its checksum does not match its contents.");
        try
        {
            return ReadPayload(bytes, HeaderLength, (int)length, version);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or JsonException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException($"'{path}' is not a valid HybridRec model: {e.Message}", e);
        }
    }

    private static byte[] WritePayload(HybridModel model)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(JsonSerializer.Serialize(model.Options));
            w.Write(model.DatasetName);
            w.Write(model.Scale.Min);
            w.Write(model.Scale.Max);
            w.Write(model.Scale.Step);
            w.Write(model.GlobalOffset);
            WriteInts(w, model.Users.RawIds);
            WriteInts(w, model.Items.RawIds);
            WriteStrings(w, model.ItemNames);
            WriteGroups(w, model.ItemFeatures);
            WriteGroups(w, model.UserFeatures);
            WriteInts(w, model.History.Offsets);
            WriteInts(w, model.History.Items);
            w.Write(model.Members.Count);
            foreach (var parameters in model.Members)
            {
                w.Write(parameters.Length);
                foreach (float v in parameters) w.Write(v);
            }
        }
        return ms.ToArray();
    }

    private static HybridModel ReadPayload(byte[] bytes, int offset, int length, int version)
    {
        using var ms = new MemoryStream(bytes, offset, length, writable: false);
        using var r = new BinaryReader(ms, Encoding.UTF8);
        string json = r.ReadString();
        string name = r.ReadString();
        var scale = new RatingScale(r.ReadSingle(), r.ReadSingle(), r.ReadSingle());
        float offsetValue = r.ReadSingle();
        var users = IdMap.FromRawIds(ReadInts(r));
        var items = IdMap.FromRawIds(ReadInts(r));
        var names = ReadStrings(r);
        HybridModelOptions options;
        FeatureGroupCollection itemGroups, userGroups;
        if (version == 1)
        {
            var v1 = JsonSerializer.Deserialize<VersionOneOptions>(json) ?? throw new FormatException("missing options.");
            options = v1.ToOptions();
            itemGroups = new FeatureGroupCollection([
                new FeatureGroup(VersionOneOptions.GenresGroup, FeatureKind.MultiHot, ReadFeatures(r)),
                new FeatureGroup(VersionOneOptions.TagsGroup, FeatureKind.MultiHot, ReadFeatures(r))]);
            userGroups = FeatureGroupCollection.Empty;
        }
        else
        {
            options = JsonSerializer.Deserialize<HybridModelOptions>(json) ?? throw new FormatException("missing options.");
            itemGroups = ReadGroups(r);
            userGroups = ReadGroups(r);
        }
        var history = new UserHistory(ReadInts(r), ReadInts(r));
        int memberCount = r.ReadInt32();
        if (memberCount < 1 || memberCount > 1024) throw new FormatException($"implausible ensemble size {memberCount}.");
        var members = new float[memberCount][];
        for (int k = 0; k < memberCount; k++)
        {
            int count = r.ReadInt32();
            if (count < 0 || (long)count * 4 > ms.Length - ms.Position) throw new FormatException($"parameter count {count} does not fit the file.");
            var parameters = new float[count];
            for (int i = 0; i < count; i++) parameters[i] = r.ReadSingle();
            members[k] = parameters;
        }
        if (ms.Position != ms.Length) throw new FormatException($"{ms.Length - ms.Position} unread payload bytes.");
        return new HybridModel(name, options, scale, offsetValue, users, items, names, itemGroups, userGroups, history, members);
    }

    private static void WriteGroups(BinaryWriter w, FeatureGroupCollection groups)
    {
        w.Write(groups.Count);
        foreach (var g in groups)
        {
            w.Write(g.Name);
            w.Write((int)g.Kind);
            WriteFeatures(w, g.Values);
        }
    }

    private static FeatureGroupCollection ReadGroups(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0 || n > 4096) throw new FormatException($"implausible feature group count {n}.");
        var groups = new FeatureGroup[n];
        for (int i = 0; i < n; i++)
        {
            string name = r.ReadString();
            var kind = (FeatureKind)r.ReadInt32();
            if (!Enum.IsDefined(kind)) throw new FormatException($"feature group '{name}' has an unknown kind {(int)kind}.");
            groups[i] = new FeatureGroup(name, kind, ReadFeatures(r));
        }
        return new FeatureGroupCollection(groups);
    }

    private static void WriteInts(BinaryWriter w, ReadOnlySpan<int> values)
    {
        w.Write(values.Length);
        foreach (int v in values) w.Write(v);
    }

    private static int[] ReadInts(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0 || (long)n * 4 > r.BaseStream.Length - r.BaseStream.Position) throw new FormatException($"array length {n} does not fit the file.");
        var a = new int[n];
        for (int i = 0; i < n; i++) a[i] = r.ReadInt32();
        return a;
    }

    private static void WriteStrings(BinaryWriter w, IReadOnlyList<string> values)
    {
        w.Write(values.Count);
        foreach (var s in values) w.Write(s);
    }

    private static string[] ReadStrings(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0 || n > r.BaseStream.Length - r.BaseStream.Position) throw new FormatException($"string count {n} does not fit the file.");
        var a = new string[n];
        for (int i = 0; i < n; i++) a[i] = r.ReadString();
        return a;
    }

    private static void WriteFeatures(BinaryWriter w, SparseFeatures f)
    {
        WriteStrings(w, f.Vocabulary);
        WriteInts(w, f.Offsets);
        WriteInts(w, f.Indices);
    }

    private static SparseFeatures ReadFeatures(BinaryReader r)
    {
        var vocabulary = ReadStrings(r);
        return new SparseFeatures(ReadInts(r), ReadInts(r), vocabulary);
    }
}
