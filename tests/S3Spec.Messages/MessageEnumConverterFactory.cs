using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Io.Cucumber.Messages.Types;

namespace S3Spec.Messages;

/// <summary>
/// Writes and reads each enum of the message types as the protocol names it: the package pairs every enum with an
/// <c>&lt;Enum&gt;Extensions.Value</c> method giving that name.
/// </summary>
internal sealed class MessageEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum && typeToConvert.Namespace == typeof(Envelope).Namespace;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(MessageEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class MessageEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private readonly Dictionary<T, string> names;
        private readonly Dictionary<string, T> values;

        public MessageEnumConverter()
        {
            var value = typeof(T).Assembly.GetType(typeof(T).FullName + "Extensions")?.GetMethod("Value", BindingFlags.Public | BindingFlags.Static, [typeof(T)])
                ?? throw new InvalidOperationException($"{typeof(T).Name} has no protocol names ({typeof(T).Name}Extensions.Value)");
            names = Enum.GetValues<T>().ToDictionary(v => v, v => (string)value.Invoke(null, [v])!);
            values = names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        }

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return name is not null && values.TryGetValue(name, out var v)
                ? v
                : throw new JsonException($"'{name ?? reader.TokenType.ToString()}' is not a {typeof(T).Name} (one of {string.Join(", ", values.Keys)})");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(names[value]);
    }
}
