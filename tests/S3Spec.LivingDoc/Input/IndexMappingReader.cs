using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace S3Spec.LivingDoc.Input;

internal static class IndexMappingReader
{
    /// <summary>Reads the mapping; a missing file is an error only when it was named on the command line.</summary>
    public static IndexMapping? Read(string path, bool required)
    {
        if (!File.Exists(path))
        {
            return required ? throw new LivingDocException($"the index file '{path}' does not exist") : null;
        }

        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static IndexMapping Read(TextReader reader, string name)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        IndexMapping? mapping;
        try
        {
            mapping = deserializer.Deserialize<IndexMapping?>(reader);
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is null ? "" : $" ({e.InnerException.Message})";
            throw new LivingDocException($"'{name}' line {e.Start.Line}: {e.Message}{inner}");
        }

        mapping ??= new IndexMapping();
        foreach (var entry in mapping.Operations.Concat(mapping.Limitations))
        {
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new LivingDocException($"'{name}': every operation and limitation needs a name");
            }

            if (entry.DocumentedBy.Any(r => string.IsNullOrWhiteSpace(r.Feature)))
            {
                throw new LivingDocException($"'{name}': '{entry.Name}' has a documentedBy entry without a feature");
            }
        }

        return mapping;
    }
}
