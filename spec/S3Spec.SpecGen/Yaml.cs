using YamlDotNet.RepresentationModel;

namespace S3Spec.SpecGen;

/// <summary>Small accessors over YamlDotNet's representation model.</summary>
internal static class Yaml
{
    public static YamlMappingNode Load(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlMappingNode? Map(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    public static YamlSequenceNode? Sequence(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlSequenceNode : null;

    public static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;

    public static IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        foreach (var (key, value) in node.Children)
        {
            yield return (((YamlScalarNode)key).Value!, value);
        }
    }

    public static IEnumerable<string> Strings(YamlSequenceNode? node) =>
        node is null ? [] : node.Children.OfType<YamlScalarNode>().Select(s => s.Value!);
}
