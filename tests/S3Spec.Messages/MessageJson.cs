using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Io.Cucumber.Messages.Types;

namespace S3Spec.Messages;

/// <summary>
/// The JSON form of Cucumber Messages (the package has the types and the NDJSON reader and writer, but leaves the
/// JSON to its user): camelCase names, absent instead of null, enums as the protocol spells them
/// (<c>PASSED</c>, <c>Context</c>, <c>text/x.cucumber.gherkin+plain</c>).
/// </summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize(Envelope envelope) => JsonSerializer.Serialize(envelope, Options);

    public static Envelope Deserialize(string line) =>
        JsonSerializer.Deserialize<Envelope>(line, Options) ?? throw new JsonException("a line must be a JSON object (an envelope), not null");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // A file, not HTML: quotes, '+' and non-ASCII stay as they are (still valid JSON).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new MessageEnumConverterFactory());
        return options;
    }
}
