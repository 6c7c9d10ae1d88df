using System.Text;
using System.Text.Unicode;

namespace HybridRec.Data.IO;

/// <summary>How the bytes of the MovieLens files become text.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>ISO-8859-1: every byte is the character of the same code.</summary>
    public static Encoding Latin1 => Encoding.Latin1;

    /// <summary>UTF-8 that throws on invalid bytes.</summary>
    public static Encoding Utf8 => StrictUtf8;

    /// <summary>UTF-8 when <paramref name="bytes"/> are valid UTF-8, otherwise Latin-1.</summary>
    public static Encoding Utf8OrLatin1(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes) ? StrictUtf8 : Latin1;

    /// <summary>Bytes as text for an error message: UTF-8 when valid, otherwise Latin-1.</summary>
    public static string ForMessage(ReadOnlySpan<byte> bytes) => Utf8OrLatin1(bytes).GetString(bytes);

    /// <summary>Name of an encoding as the load report shows it.</summary>
    public static string NameOf(Encoding e) => ReferenceEquals(e, StrictUtf8) ? "UTF-8" : "Latin-1";
}
