using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridRec.Serving.Endpoints;

/// <summary>
/// Reads a JSON request body of at most a given size itself, so that an oversized body (413), a wrong content type
/// (415) and malformed JSON (400) get problem details whatever the host's middleware and server.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, long limit, JsonSerializerOptions json, string example, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType()) return (null, Problems.UnsupportedMediaType());
        if (request.ContentLength > limit) return (null, Problems.TooLarge(limit));
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is long n && n > 0 ? (int)n : 4096);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(4096);
                int read = await request.Body.ReadAsync(memory, cancellationToken);
                if (read == 0) break;
                buffer.Advance(read);
                if (buffer.WrittenCount > limit) return (null, Problems.TooLarge(limit));
            }
        }
        catch (BadHttpRequestException e)
        {
            // The server's own limits or a broken request (e.g. Kestrel's MaxRequestBodySize: 413).
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? Problems.TooLarge(limit) : TypedResults.Problem("The request body could not be read.", statusCode: e.StatusCode));
        }

        string expected = $" Expected a JSON object such as {example}";
        if (buffer.WrittenCount == 0) return (null, Problems.BadRequest("The request body is empty." + expected));
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.WrittenSpan, json);
            return value is null ? (null, Problems.BadRequest("The request body is null." + expected)) : (value, null);
        }
        catch (JsonException e)
        {
            // The exception's own message can name .NET types: say where, not what the deserializer thought.
            string where = e.Path is null ? "" : $" at {e.Path} (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
            const string missing = "missing required properties including: ";
            int at = e.Message.IndexOf(missing, StringComparison.Ordinal);
            string what = at >= 0 ? $"required field(s) missing: {e.Message[(at + missing.Length)..].TrimEnd('.')}" : "it is not valid JSON for this request";
            return (null, Problems.BadRequest($"The request body could not be read{where}: {what}.{expected}"));
        }
    }
}
