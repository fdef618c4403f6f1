using System.Text.Json;
using Cucumber.Messages;
using Io.Cucumber.Messages.Types;

namespace S3Spec.Messages;

/// <summary>Reads an NDJSON file of Cucumber Messages with the package's reader and <see cref="MessageJson"/>.</summary>
public static class MessageFile
{
    public static IReadOnlyList<Envelope> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <exception cref="InvalidDataException">A line is not an envelope; the message names the file and the line.</exception>
    public static IReadOnlyList<Envelope> Read(Stream stream, string name)
    {
        var number = 0;
        var envelopes = new List<Envelope>();
        using var reader = new NdjsonMessageReader(stream, line =>
        {
            number++;
            return MessageJson.Deserialize(line);
        });
        try
        {
            foreach (var envelope in reader)
            {
                envelopes.Add(envelope);
            }
        }
        catch (System.Exception e) when (e is JsonException || e.InnerException is JsonException)
        {
            // The package's reader wraps the deserializer's error ("Could not parse JSON: <line>").
            var reason = (e as JsonException ?? (JsonException)e.InnerException!).Message;
            throw new InvalidDataException($"'{name}' line {number} is not a Cucumber Messages envelope: {reason}", e);
        }

        return envelopes;
    }
}
