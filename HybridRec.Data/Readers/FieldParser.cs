using System.Globalization;
using HybridRec.Data.IO;
using HybridRec.Data.Preprocessing;

namespace HybridRec.Data.Readers;

/// <summary>Parses the numeric fields of all MovieLens formats from their bytes, throwing <see cref="DatasetFormatException"/> with the location.</summary>
internal static class FieldParser
{
    /// <summary>An integer id (user or movie).</summary>
    public static int ParseId(ReadOnlySpan<byte> text, string file, long line, string field)
    {
        // Fast path for plain digits (every id of every release); anything else goes through int.TryParse.
        if ((uint)(text.Length - 1) < 9u)
        {
            int v = 0;
            int i = 0;
            for (; i < text.Length; i++)
            {
                uint d = (uint)(text[i] - '0');
                if (d > 9) break;
                v = v * 10 + (int)d;
            }
            if (i == text.Length) return v;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) return value;
        throw new DatasetFormatException(file, line, field, TextDecoding.ForMessage(text), $"{field} is not an integer");
    }

    /// <summary>A rating in stars that must lie on <paramref name="scale"/>.</summary>
    public static float ParseRating(ReadOnlySpan<byte> text, RatingScale scale, string file, long line, string field)
    {
        float value;
        // Fast path for the forms every release uses: "4", "3.5".
        if (text.Length == 1 && IsDigit(text[0]))
            value = text[0] - '0';
        else if (text.Length == 3 && IsDigit(text[0]) && text[1] == (byte)'.' && IsDigit(text[2]))
            value = ((text[0] - '0') * 10 + (text[2] - '0')) / 10f;
        else if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || float.IsNaN(value))
            throw new DatasetFormatException(file, line, field, TextDecoding.ForMessage(text), $"{field} is not a number");

        if (!scale.Contains(value))
        {
            string why = value < scale.Min - 1e-4f || value > scale.Max + 1e-4f
                ? $"{field} {value.ToString(CultureInfo.InvariantCulture)} is outside the release's scale ({scale})"
                : $"{field} {value.ToString(CultureInfo.InvariantCulture)} is not on the release's scale ({scale})";
            throw new DatasetFormatException(file, line, field, TextDecoding.ForMessage(text), why);
        }
        return value;
    }

    /// <summary>The index of a rated movie, which must be in the movie list.</summary>
    public static int MovieIndexOf(MovieIndex movies, int rawId, ReadOnlySpan<byte> text, string file, long line, string field)
    {
        if (movies.TryGetIndex(rawId, out int index)) return index;
        throw new DatasetFormatException(file, line, field, TextDecoding.ForMessage(text),
            $"movie {rawId} is not in the movie list ({movies.MovieFile})");
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
