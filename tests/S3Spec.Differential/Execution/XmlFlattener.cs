using System.Xml.Linq;

namespace S3Spec.Differential.Execution;

/// <summary>
/// Flattens an S3 XML answer into fields named as boto3 names them: the root left out, list elements indexed with
/// boto3's plural names (Contents[0].Key, CommonPrefixes[1].Prefix, Parts[0].ETag, Uploads[0].Key, Deleted[0].Key,
/// Errors[0].Code), other repeated elements indexed by their own name.
/// </summary>
internal static class XmlFlattener
{
    private static readonly Dictionary<string, string> Lists = new(StringComparer.Ordinal)
    {
        ["Contents"] = "Contents", ["CommonPrefixes"] = "CommonPrefixes", ["Part"] = "Parts", ["Upload"] = "Uploads",
        ["Deleted"] = "Deleted", ["Error"] = "Errors",
    };

    public static void Flatten(byte[] xml, SortedDictionary<string, string> fields)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml), LoadOptions.PreserveWhitespace);
        }
        catch (System.Xml.XmlException)
        {
            fields["Xml"] = "not well-formed";
            return;
        }

        Flatten(doc.Root!, "", fields, root: true);
    }

    private static void Flatten(XElement element, string path, SortedDictionary<string, string> fields, bool root)
    {
        var children = element.Elements().ToList();
        if (children.Count == 0)
        {
            if (!root)
            {
                fields[path] = element.Value;
            }

            return;
        }

        foreach (var group in children.GroupBy(c => c.Name.LocalName))
        {
            var items = group.ToList();
            var listed = Lists.TryGetValue(group.Key, out var plural);
            for (var i = 0; i < items.Count; i++)
            {
                var name = listed ? $"{plural}[{i}]" : items.Count > 1 ? $"{group.Key}[{i}]" : group.Key;
                Flatten(items[i], path.Length == 0 ? name : $"{path}.{name}", fields, root: false);
            }
        }
    }

    /// <summary>The error code of an S3 error body, or null.</summary>
    public static string? ErrorCode(byte[] xml)
    {
        try
        {
            var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml));
            return doc.Root?.Name.LocalName == "Error" ? doc.Root.Element("Code")?.Value : null;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
