using System.Security.Cryptography;
using System.Text.Json;

namespace S3Spec.Auth.Keys;

/// <summary>
/// The JSON keys file: {"keys":[{"accessKeyId":"...","secretKey":"...","volumes":["*"],"readOnly":false,"disabled":false}]}.
/// Unknown properties are ignored (room for names and comments); a file with any invalid key is invalid as a whole.
/// </summary>
public static class KeysFile
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Parses the file content; throws <see cref="FormatException"/> naming the problem (never a secret).</summary>
    public static List<AccessKey> Parse(ReadOnlySpan<byte> utf8)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON ({e.Message})", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("the root must be an object with a \"keys\" array");
            }

            var result = new List<AccessKey>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var k in keys.EnumerateArray())
            {
                var key = ParseKey(k, index++);
                if (!seen.Add(key.AccessKeyId))
                {
                    throw new FormatException($"the access key id '{key.AccessKeyId}' appears twice");
                }

                result.Add(key);
            }

            return result;
        }
    }

    private static AccessKey ParseKey(JsonElement k, int index)
    {
        if (k.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"keys[{index}] is not an object");
        }

        var id = RequiredString(k, "accessKeyId", index);
        foreach (var c in id)
        {
            if (c <= ' ' || c >= 0x7F || c == '/' || c == ',' || c == '=')
            {
                throw new FormatException($"keys[{index}].accessKeyId may hold only printable ASCII without '/', ',', '=' or spaces");
            }
        }

        var secret = RequiredString(k, "secretKey", index);
        if (!k.TryGetProperty("volumes", out var volumesElement) || volumesElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"keys[{index}].volumes must be an array of volume ids (\"*\" = all volumes)");
        }

        var volumes = new List<string>();
        foreach (var v in volumesElement.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(v.GetString()))
            {
                throw new FormatException($"keys[{index}].volumes must hold non-empty strings");
            }

            volumes.Add(v.GetString()!);
        }

        return new AccessKey(id, secret, volumes, OptionalBool(k, "readOnly", index), OptionalBool(k, "disabled", index));
    }

    private static string RequiredString(JsonElement k, string name, int index)
    {
        if (!k.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(e.GetString()))
        {
            throw new FormatException($"keys[{index}].{name} must be a non-empty string");
        }

        return e.GetString()!;
    }

    private static bool OptionalBool(JsonElement k, string name, int index)
    {
        if (!k.TryGetProperty(name, out var e))
        {
            return false;
        }

        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"keys[{index}].{name} must be true or false"),
        };
    }

    public static AccessKey NewKey()
        => new("user_" + RandomBase62(27), "rps_" + RandomBase62(40), [AccessKey.AllVolumes], ReadOnly: false, Disabled: false);

    public static byte[] Serialize(IReadOnlyList<AccessKey> keys)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("keys");
            foreach (var k in keys)
            {
                w.WriteStartObject();
                w.WriteString("accessKeyId", k.AccessKeyId);
                w.WriteString("secretKey", k.SecretKey);
                w.WriteStartArray("volumes");
                foreach (var v in k.Volumes)
                {
                    w.WriteStringValue(v);
                }

                w.WriteEndArray();
                w.WriteBoolean("readOnly", k.ReadOnly);
                w.WriteBoolean("disabled", k.Disabled);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        ms.Write("\n"u8);
        return ms.ToArray();
    }

    private static string RandomBase62(int length) => new(RandomNumberGenerator.GetItems<char>(Base62, length));

    public static string Describe(Exception e) => e is FormatException ? e.Message : e.GetType().Name + ": " + e.Message;
}
