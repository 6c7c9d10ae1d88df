using System.Security.Cryptography;
using System.Text;

namespace HybridRec.Model.Tests.Fuzzing;

/// <summary>One feature group of a <see cref="ModelImage"/> (version-1 files store only the vocabulary and rows).</summary>
internal sealed class ImageGroup
{
    public string Name = "";
    public int Kind;
    public List<string> Vocabulary = [];
    public List<int> Offsets = [];
    public List<int> Indices = [];

    public ImageGroup Clone() => new() { Name = Name, Kind = Kind, Vocabulary = [.. Vocabulary], Offsets = [.. Offsets], Indices = [.. Indices] };
}

/// <summary>
/// A model file taken apart into its fields, written independently of the library (with BinaryReader and
/// BinaryWriter, as the format's first writer did) so the fuzzer and the validation tests can change any field and
/// write a file whose lengths and checksum are right again: the semantic checks are then what must catch it.
/// <see cref="Encode"/> also records where each int32 length or count lies in the payload, for mutations of those.
/// </summary>
internal sealed class ModelImage
{
    public const int HeaderLength = 28;
    public static readonly byte[] Magic = "HYBRIDREC-MODEL\0"u8.ToArray();

    public int Version;
    public string Json = "";
    public string Name = "";
    public float Min, Max, Step, Offset;
    public List<int> UserIds = [];
    public List<int> ItemIds = [];
    public List<string> ItemNames = [];
    public List<ImageGroup> ItemGroups = [];
    public List<ImageGroup> UserGroups = [];
    public List<int> HistoryOffsets = [];
    public List<int> HistoryItems = [];
    public List<float[]> Members = [];

    /// <summary>Takes a valid model file apart.</summary>
    public static ModelImage Decode(byte[] file)
    {
        int version = BitConverter.ToInt32(file, 16);
        long length = BitConverter.ToInt64(file, 20);
        using var r = new BinaryReader(new MemoryStream(file, HeaderLength, (int)length), Encoding.UTF8);
        var image = new ModelImage
        {
            Version = version, Json = r.ReadString(), Name = r.ReadString(),
            Min = r.ReadSingle(), Max = r.ReadSingle(), Step = r.ReadSingle(), Offset = r.ReadSingle(),
            UserIds = Ints(r), ItemIds = Ints(r), ItemNames = Strings(r),
        };
        if (version == 1)
        {
            image.ItemGroups = [Features(r, new ImageGroup { Name = "genres" }), Features(r, new ImageGroup { Name = "tags" })];
        }
        else
        {
            image.ItemGroups = Groups(r);
            image.UserGroups = Groups(r);
        }
        image.HistoryOffsets = Ints(r);
        image.HistoryItems = Ints(r);
        int members = r.ReadInt32();
        for (int k = 0; k < members; k++)
        {
            var p = new float[r.ReadInt32()];
            for (int i = 0; i < p.Length; i++) p[i] = r.ReadSingle();
            image.Members.Add(p);
        }
        return image;
    }

    public ModelImage Clone() => new()
    {
        Version = Version, Json = Json, Name = Name, Min = Min, Max = Max, Step = Step, Offset = Offset,
        UserIds = [.. UserIds], ItemIds = [.. ItemIds], ItemNames = [.. ItemNames],
        ItemGroups = ItemGroups.Select(g => g.Clone()).ToList(), UserGroups = UserGroups.Select(g => g.Clone()).ToList(),
        HistoryOffsets = [.. HistoryOffsets], HistoryItems = [.. HistoryItems], Members = Members.Select(m => (float[])m.Clone()).ToList(),
    };

    /// <summary>The payload, and the offsets in it of every int32 length or count.</summary>
    public (byte[] Payload, List<int> LengthFields) Encode()
    {
        var ms = new MemoryStream();
        var lengths = new List<int>();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            void Count(int n)
            {
                w.Flush();
                lengths.Add((int)ms.Position);
                w.Write(n);
            }
            void WriteInts(List<int> values)
            {
                Count(values.Count);
                foreach (int v in values) w.Write(v);
            }
            void WriteStrings(List<string> values)
            {
                Count(values.Count);
                foreach (var s in values) w.Write(s);
            }
            void WriteFeatures(ImageGroup g)
            {
                WriteStrings(g.Vocabulary);
                WriteInts(g.Offsets);
                WriteInts(g.Indices);
            }
            void WriteGroups(List<ImageGroup> groups)
            {
                Count(groups.Count);
                foreach (var g in groups)
                {
                    w.Write(g.Name);
                    w.Write(g.Kind);
                    WriteFeatures(g);
                }
            }
            w.Write(Json);
            w.Write(Name);
            w.Write(Min);
            w.Write(Max);
            w.Write(Step);
            w.Write(Offset);
            WriteInts(UserIds);
            WriteInts(ItemIds);
            WriteStrings(ItemNames);
            if (Version == 1)
            {
                foreach (var g in ItemGroups.Take(2)) WriteFeatures(g);
            }
            else
            {
                WriteGroups(ItemGroups);
                WriteGroups(UserGroups);
            }
            WriteInts(HistoryOffsets);
            WriteInts(HistoryItems);
            Count(Members.Count);
            foreach (var p in Members)
            {
                Count(p.Length);
                foreach (float v in p) w.Write(v);
            }
        }
        return (ms.ToArray(), lengths);
    }

    /// <summary>A whole file around <paramref name="payload"/>: header with the payload's length, payload, its SHA-256.</summary>
    public static byte[] File(int version, byte[] payload)
    {
        var file = new byte[HeaderLength + payload.Length + 32];
        Magic.CopyTo(file, 0);
        BitConverter.TryWriteBytes(file.AsSpan(16), version);
        BitConverter.TryWriteBytes(file.AsSpan(20), (long)payload.Length);
        payload.CopyTo(file, HeaderLength);
        SHA256.HashData(payload).CopyTo(file, HeaderLength + payload.Length);
        return file;
    }

    /// <summary>The file of this image, lengths and checksum consistent.</summary>
    public byte[] ToFile() => File(Version, Encode().Payload);

    private static List<int> Ints(BinaryReader r)
    {
        int n = r.ReadInt32();
        var a = new List<int>(n);
        for (int i = 0; i < n; i++) a.Add(r.ReadInt32());
        return a;
    }

    private static List<string> Strings(BinaryReader r)
    {
        int n = r.ReadInt32();
        var a = new List<string>(n);
        for (int i = 0; i < n; i++) a.Add(r.ReadString());
        return a;
    }

    private static ImageGroup Features(BinaryReader r, ImageGroup g)
    {
        g.Vocabulary = Strings(r);
        g.Offsets = Ints(r);
        g.Indices = Ints(r);
        return g;
    }

    private static List<ImageGroup> Groups(BinaryReader r)
    {
        int n = r.ReadInt32();
        var groups = new List<ImageGroup>(n);
        for (int i = 0; i < n; i++)
        {
            var g = new ImageGroup { Name = r.ReadString(), Kind = r.ReadInt32() };
            groups.Add(Features(r, g));
        }
        return groups;
    }
}
