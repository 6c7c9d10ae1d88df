using System.Text.RegularExpressions;
using HybridRec.Data;

namespace HybridRec.Model.Tests.Fuzzing;

/// <summary>
/// Mutations of a valid model file, in four families: <c>semantic</c> (fields of the taken-apart file changed —
/// NaN/∞ scales, offsets and parameters, ids swapped or repeated, names, feature groups, histories, members and
/// options edited — then written again with right lengths and checksum, so only the semantic checks can catch them),
/// <c>length</c> (an int32 length or count in the payload changed, checksum recomputed), <c>payload</c> (payload
/// bytes flipped, inserted or deleted, header length and checksum recomputed) and <c>raw</c> (bytes of the file
/// changed as they are: flips anywhere, truncation, appended bytes, header fields, no checksum fix). Each returns a
/// description of what it did.
/// </summary>
internal static partial class ModelFuzzMutator
{
    private static readonly float[] Specials =
        [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, -1f, 1f, 1e38f, -1e38f, float.MaxValue, float.Epsilon, 1e-30f, 1e30f];

    private static readonly int[] Lengths = [-1, 0, 1, int.MaxValue, int.MinValue, 0x40000000, 0x7FFFFFF0, 65536, 255];

    /// <summary>The semantic family: 1 to 3 field changes, then a consistent file.</summary>
    public static (byte[] File, string Description) Semantic(ModelImage image, SeededRandom rng)
    {
        var parts = new List<string>();
        int n = 1 + rng.NextInt(3);
        for (int k = 0; k < n; k++) parts.Add(MutateField(image, rng));
        return (image.ToFile(), string.Join("; ", parts));
    }

    /// <summary>The length family: one int32 length or count of the payload set to another value.</summary>
    public static (byte[] File, string Description) Length(ModelImage image, SeededRandom rng)
    {
        var (payload, fields) = image.Encode();
        int at = fields[rng.NextInt(fields.Count)];
        int old = BitConverter.ToInt32(payload, at);
        int value = rng.NextInt(3) switch
        {
            0 => Lengths[rng.NextInt(Lengths.Length)],
            1 => old + rng.NextInt(-3, 4),
            _ => (int)rng.NextUInt64(),
        };
        BitConverter.TryWriteBytes(payload.AsSpan(at), value);
        return (ModelImage.File(image.Version, payload), $"length at payload byte {at}: {old} -> {value}");
    }

    /// <summary>The payload family: bytes flipped, inserted or deleted inside the payload; the header length and checksum follow.</summary>
    public static (byte[] File, string Description) Payload(ModelImage image, SeededRandom rng)
    {
        var payload = new List<byte>(image.Encode().Payload);
        var parts = new List<string>();
        int n = 1 + rng.NextInt(4);
        for (int k = 0; k < n && payload.Count > 0; k++)
        {
            int at = rng.NextInt(payload.Count);
            switch (rng.NextInt(4))
            {
                case 0:
                case 1:
                    byte mask = (byte)(1 + rng.NextInt(255));
                    payload[at] ^= mask;
                    parts.Add($"payload byte {at} ^= 0x{mask:X2}");
                    break;
                case 2:
                    int count = 1 + rng.NextInt(8);
                    payload.InsertRange(at, Enumerable.Range(0, count).Select(_ => (byte)rng.NextInt(256)));
                    parts.Add($"{count} bytes inserted at payload byte {at}");
                    break;
                default:
                    int remove = Math.Min(1 + rng.NextInt(8), payload.Count - at);
                    payload.RemoveRange(at, remove);
                    parts.Add($"{remove} bytes deleted at payload byte {at}");
                    break;
            }
        }
        return (ModelImage.File(image.Version, payload.ToArray()), string.Join("; ", parts));
    }

    /// <summary>The raw family: the file's bytes changed with nothing recomputed.</summary>
    public static (byte[] File, string Description) Raw(byte[] file, SeededRandom rng)
    {
        var bytes = new List<byte>(file);
        var parts = new List<string>();
        int n = 1 + rng.NextInt(3);
        for (int k = 0; k < n; k++)
        {
            switch (rng.NextInt(8))
            {
                case 0:
                case 1:
                    if (bytes.Count == 0) break;
                    int at = rng.NextInt(bytes.Count);
                    byte mask = (byte)(1 << rng.NextInt(8));
                    bytes[at] ^= mask;
                    parts.Add($"byte {at} ^= 0x{mask:X2}");
                    break;
                case 2:
                    int keep = rng.NextInt(bytes.Count + 1);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                    parts.Add($"truncated to {keep} bytes");
                    break;
                case 3:
                    int extra = 1 + rng.NextInt(64);
                    bytes.AddRange(Enumerable.Range(0, extra).Select(_ => (byte)rng.NextInt(256)));
                    parts.Add($"{extra} bytes appended");
                    break;
                case 4:
                    if (bytes.Count < 20) break;
                    int version = rng.NextInt(3) switch { 0 => 0, 1 => HybridRec.Model.Serialization.ModelFile.FormatVersion + 1, _ => (int)rng.NextUInt64() };
                    Write(bytes, 16, BitConverter.GetBytes(version));
                    parts.Add($"version -> {version}");
                    break;
                case 5:
                    if (bytes.Count < ModelImage.HeaderLength) break;
                    long length = BitConverter.ToInt64([.. bytes.GetRange(20, 8)]);
                    long changed = rng.NextInt(4) switch
                    {
                        0 => length + rng.NextInt(-40, 41),
                        1 => -1 - rng.NextInt(1000),
                        2 => (long)(rng.NextUInt64() >> rng.NextInt(64)),
                        _ => length + (1L << (32 + rng.NextInt(20))),
                    };
                    Write(bytes, 20, BitConverter.GetBytes(changed));
                    parts.Add($"header length {length} -> {changed}");
                    break;
                case 6:
                    if (bytes.Count == 0) break;
                    int from = Math.Max(0, bytes.Count - 32 - rng.NextInt(8));
                    int c = rng.NextInt(bytes.Count - from) + 1;
                    for (int i = from; i < Math.Min(bytes.Count, from + c); i++) bytes[i] = (byte)rng.NextInt(256);
                    parts.Add($"{c} bytes from {from} randomised (checksum region)");
                    break;
                default:
                    int size = rng.NextInt(4) == 0 ? rng.NextInt(ModelImage.HeaderLength + 1) : rng.NextInt(512);
                    bytes = [.. Enumerable.Range(0, size).Select(_ => (byte)rng.NextInt(256))];
                    if (rng.NextInt(2) == 0 && bytes.Count >= 16) Write(bytes, 0, ModelImage.Magic);
                    parts.Add($"replaced by {size} random bytes{(bytes.Count >= 16 && bytes.Take(16).SequenceEqual(ModelImage.Magic) ? " after the magic" : "")}");
                    break;
            }
        }
        return (bytes.ToArray(), parts.Count == 0 ? "unchanged" : string.Join("; ", parts));
    }

    private static void Write(List<byte> bytes, int at, byte[] value)
    {
        for (int i = 0; i < value.Length; i++) bytes[at + i] = value[i];
    }

    private static float Special(SeededRandom rng) => Specials[rng.NextInt(Specials.Length)];

    // One field change of the image; returns what it did.
    private static string MutateField(ModelImage m, SeededRandom rng)
    {
        switch (rng.NextInt(20))
        {
            case 0:
            {
                float v = rng.NextInt(4) == 0 ? (m.Max - m.Min) * 0.7f : Special(rng);
                switch (rng.NextInt(4))
                {
                    case 0: m.Min = v; return $"scale min = {v}";
                    case 1: m.Max = v; return $"scale max = {v}";
                    case 2: m.Step = v; return $"scale step = {v}";
                    default: (m.Min, m.Max) = (m.Max, m.Min); return "scale min and max swapped";
                }
            }
            case 1:
                m.Offset = Special(rng);
                return $"global offset = {m.Offset}";
            case 2:
            case 3:
            {
                var ids = rng.NextInt(2) == 0 ? m.UserIds : m.ItemIds;
                string which = ids == m.UserIds ? "user" : "item";
                if (ids.Count == 0) return $"{which} ids empty";
                int i = rng.NextInt(ids.Count), j = rng.NextInt(ids.Count);
                switch (rng.NextInt(4))
                {
                    case 0: (ids[i], ids[j]) = (ids[j], ids[i]); return $"{which} ids {i} and {j} swapped";
                    case 1: ids[i] = ids[j]; return $"{which} id {i} = id {j}";
                    case 2: ids[i] = (int)rng.NextUInt64(); return $"{which} id {i} = {ids[i]}";
                    default: ids.Reverse(); return $"{which} ids reversed";
                }
            }
            case 4:
                if (rng.NextInt(2) == 0 && m.ItemNames.Count > 0) { m.ItemNames.RemoveAt(rng.NextInt(m.ItemNames.Count)); return "an item name removed"; }
                m.ItemNames.Add("extra");
                return "an item name added";
            case 5:
            case 6:
            case 7:
                return MutateGroup(m, rng);
            case 8:
            case 9:
                return MutateRows(m.HistoryOffsets, m.HistoryItems, m.ItemIds.Count, rng, "history");
            case 10:
            case 11:
            case 12:
                return MutateMembers(m, rng);
            case 13:
            case 14:
            case 15:
                return MutateOptions(m, rng);
            case 16:
                m.Name = rng.NextInt(3) == 0 ? new string('x', 5000 + rng.NextInt(10000)) : "\u00e9\u0000\ud83c\udfac" + rng.NextInt(100);
                return $"dataset name of {m.Name.Length} characters";
            case 17:
                if (m.ItemNames.Count == 0) return "no item names";
                int at = rng.NextInt(m.ItemNames.Count);
                m.ItemNames[at] = rng.NextInt(2) == 0 ? "" : new string('\u4e00', 1 + rng.NextInt(40000));
                return $"item name {at} of {m.ItemNames[at].Length} characters";
            case 18:
                m.Version = 1 + (m.Version + rng.NextInt(2)) % 3;   // another of versions 1, 2, 3
                return $"payload written as version {m.Version}";
            default:
            {
                // Users or items dropped or added at the end, everything else left as it was.
                if (rng.NextInt(2) == 0) { m.UserIds.Add(m.UserIds.Count == 0 ? 1 : m.UserIds[^1] + 1); return "a user id added"; }
                if (m.ItemIds.Count > 0) m.ItemIds.RemoveAt(m.ItemIds.Count - 1);
                return "the last item id removed";
            }
        }
    }

    private static string MutateGroup(ModelImage m, SeededRandom rng)
    {
        bool user = m.UserGroups.Count > 0 && rng.NextInt(2) == 0;
        var groups = user ? m.UserGroups : m.ItemGroups;
        int rows = user ? m.UserIds.Count : m.ItemIds.Count;
        if (groups.Count == 0)
        {
            groups.Add(new ImageGroup { Name = "added", Kind = 0, Vocabulary = ["v"], Offsets = [.. new int[rows + 1]] });
            return "a group added";
        }
        int gi = rng.NextInt(groups.Count);
        var g = groups[gi];
        string where = $"{(user ? "user" : "item")} group {gi}";
        switch (rng.NextInt(7))
        {
            case 0:
                g.Kind = rng.NextInt(4) switch { 0 => 1 - g.Kind, 1 => 2, 2 => -1, _ => int.MaxValue };
                return $"{where} kind = {g.Kind}";
            case 1:
                string[] names = ["", "Genres", "a b", new string('a', 65), "9lives", groups[rng.NextInt(groups.Count)].Name, "tags", "genres", "segment"];
                g.Name = names[rng.NextInt(names.Length)];
                return $"{where} named '{(g.Name.Length > 20 ? g.Name[..20] + "…" : g.Name)}'";
            case 2:
                if (rng.NextInt(2) == 0 && g.Vocabulary.Count > 0) { g.Vocabulary.RemoveAt(g.Vocabulary.Count - 1); return $"{where} vocabulary shortened"; }
                g.Vocabulary.Add("extra");
                return $"{where} vocabulary lengthened";
            case 3:
                groups.RemoveAt(gi);
                return $"{where} removed";
            case 4:
                groups.Insert(gi, g.Clone());
                return $"{where} duplicated";
            case 5:
                if (rng.NextInt(2) == 0 && g.Offsets.Count > 0) { g.Offsets.RemoveAt(g.Offsets.Count - 1); return $"{where} last row removed"; }
                g.Offsets.Add(g.Offsets.Count == 0 ? 0 : g.Offsets[^1]);
                return $"{where} empty row added";
            default:
                return MutateRows(g.Offsets, g.Indices, g.Vocabulary.Count, rng, where);
        }
    }

    private static string MutateRows(List<int> offsets, List<int> indices, int columns, SeededRandom rng, string where)
    {
        if (rng.NextInt(2) == 0 && offsets.Count > 0)
        {
            int i = rng.NextInt(offsets.Count);
            offsets[i] = rng.NextInt(3) switch { 0 => offsets[i] + 1, 1 => offsets[i] - 1, _ => (int)rng.NextUInt64() };
            return $"{where} row offset {i} = {offsets[i]}";
        }
        if (indices.Count == 0)
        {
            indices.Add(0);
            return $"{where} value added without a row";
        }
        int k = rng.NextInt(indices.Count);
        switch (rng.NextInt(4))
        {
            case 0: indices[k] = columns + rng.NextInt(3); return $"{where} value {k} = {indices[k]} (columns {columns})";
            case 1: indices[k] = -1 - rng.NextInt(3); return $"{where} value {k} = {indices[k]}";
            case 2: if (k > 0) indices[k] = indices[k - 1]; return $"{where} value {k} repeats the one before";
            default:
                if (k > 0) (indices[k], indices[k - 1]) = (indices[k - 1], indices[k]);
                return $"{where} values {k - 1} and {k} swapped";
        }
    }

    private static string MutateMembers(ModelImage m, SeededRandom rng)
    {
        if (m.Members.Count == 0) { m.Members.Add([]); return "an empty member added"; }
        int k = rng.NextInt(m.Members.Count);
        var p = m.Members[k];
        switch (rng.NextInt(7))
        {
            case 0:
            case 1:
            case 2:
                if (p.Length == 0) return $"member {k} is empty";
                int i = rng.NextInt(p.Length);
                p[i] = Special(rng);
                return $"member {k} parameter {i} = {p[i]}";
            case 3:
                m.Members[k] = p[..^Math.Min(p.Length, 1 + rng.NextInt(3))];
                return $"member {k} shortened";
            case 4:
                m.Members[k] = [.. p, .. Enumerable.Range(0, 1 + rng.NextInt(3)).Select(_ => 0.1f)];
                return $"member {k} lengthened";
            case 5:
                if (rng.NextInt(3) == 0) { m.Members.Clear(); return "every member removed"; }
                m.Members.RemoveAt(k);
                return $"member {k} removed";
            default:
                if (p.Length < 300 && rng.NextInt(8) == 0)
                {
                    while (m.Members.Count <= 1024) m.Members.Add(p);
                    return "1,025 members";
                }
                m.Members.Add((float[])p.Clone());
                return $"member {k} duplicated";
        }
    }

    private static string MutateOptions(ModelImage m, SeededRandom rng)
    {
        switch (rng.NextInt(7))
        {
            case 0:
            case 1:
            {
                var numbers = Number().Matches(m.Json);
                if (numbers.Count == 0) break;
                var match = numbers[rng.NextInt(numbers.Count)];
                string[] values = ["0", "-1", "1", "2", "3", "4", "5", "1000000", "2147483648", "1e9", "0.5", "1e40", "-0"];
                string value = rng.NextInt(3) == 0 && int.TryParse(match.Value, out int old) && old < int.MaxValue ? (old + 1).ToString() : values[rng.NextInt(values.Length)];
                m.Json = m.Json[..match.Index] + value + m.Json[(match.Index + match.Length)..];
                return $"options number at {match.Index} = {value}";
            }
            case 2:
            {
                var properties = Property().Matches(m.Json);
                if (properties.Count == 0) break;
                var match = properties[rng.NextInt(properties.Count)];
                m.Json = m.Json[..match.Index] + $"\"{match.Groups[1].Value}\":null" + m.Json[(match.Index + match.Length)..];
                return $"options {match.Groups[1].Value} = null";
            }
            case 3:
                m.Json = m.Json[..rng.NextInt(m.Json.Length + 1)];
                return $"options cut to {m.Json.Length} characters";
            case 4:
                string[] whole = ["null", "{}", "[]", "", "{\"EmbeddingSize\":\"x\"}", "{\"EmbeddingSize\":2,\"ItemFeatureGroups\":[null]}", new string('[', 100) + new string(']', 100), "{\"NeuralWidth\":1e400}"];
                m.Json = whole[rng.NextInt(whole.Length)];
                return $"options = {(m.Json.Length > 30 ? m.Json[..30] + "…" : m.Json)}";
            case 5:
                m.Json = m.Json.Contains("\"UseBiases\":true") ? m.Json.Replace("\"UseBiases\":true", "\"UseBiases\":false") : m.Json.Replace("\"UseBiases\":false", "\"UseBiases\":true");
                return "options UseBiases toggled";
            default:
                string[] lists = ["[]", "[\"genres\"]", "[\"tags\",\"genres\"]", "[\"zzz\"]", "[\"genres\",\"genres\"]", "null"];
                string list = lists[rng.NextInt(lists.Length)];
                string key = rng.NextInt(2) == 0 ? "ItemFeatureGroups" : "UserFeatureGroups";
                m.Json = Regex.Replace(m.Json, $"\"{key}\":(null|\\[[^\\]]*\\])", $"\"{key}\":{list}");
                return $"options {key} = {list}";
        }
        m.Json = "{";
        return "options = {";
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex("\"(\\w+)\":(\"[^\"]*\"|-?[\\d.eE+-]+|true|false|null|\\{[^}]*\\}|\\[[^\\]]*\\])")]
    private static partial Regex Property();
}
