using YamlDotNet.RepresentationModel;

namespace S3Spec.SpecGen;

/// <summary>One schema's XML mapping (OpenAPI 3.0 XML object rules; see docs/architecture.md, "Spec-driven XML").</summary>
internal sealed record XmlTypeModel(string Schema, string ElementName, string Namespace, IReadOnlyList<XmlPropertyModel> Properties);

internal sealed record XmlPropertyModel
{
    public required string Name { get; init; }

    public required string ClrName { get; init; }

    public required string ClrType { get; init; }

    public required string ElementName { get; init; }

    public string? ItemElementName { get; init; }

    public bool IsAttribute { get; init; }

    public string? AttributeNamespace { get; init; }

    public string? AttributePrefix { get; init; }

    public bool IsText { get; init; }

    public bool IsArray { get; init; }

    public bool IsWrapped { get; init; }

    public string? ObjectSchema { get; init; }

    /// <summary>String, Int32, Int64, Boolean or DateTime (the server's XmlScalarKind).</summary>
    public required string Scalar { get; init; }
}

/// <summary>
/// Reads the <c>xml</c> objects of <c>components.schemas</c>: the root element is the schema's <c>xml.name</c> (else
/// the schema name) in its <c>xml.namespace</c>; a property's element is its <c>xml.name</c> (else the property
/// name); an array is unwrapped (one element per item, named by the property's <c>xml.name</c>, else the item
/// schema's <c>xml.name</c>, else the property name) unless <c>xml.wrapped</c>, where a wrapper element holds items
/// named by the item schema's <c>xml.name</c>. <c>x-xml-text: true</c> marks the element's text content. Every schema
/// must have a generated DTO with exactly its properties.
/// </summary>
internal static class XmlModelReader
{
    public static IReadOnlyList<XmlTypeModel> Read(YamlMappingNode root, DtoCatalog dtos)
    {
        var schemas = Yaml.Map(Yaml.Map(root, "components"), "schemas")
            ?? throw new InvalidOperationException("The spec has no components.schemas.");
        var result = new List<XmlTypeModel>();
        foreach (var (name, node) in Yaml.Entries(schemas))
        {
            var schema = (YamlMappingNode)node;
            if (!dtos.TryGetClass(name, out var clrProperties))
            {
                throw new InvalidOperationException($"Schema '{name}' has no generated type S3Spec.Server.Api.{name}.");
            }

            var remaining = new HashSet<string>(clrProperties.Keys, StringComparer.Ordinal);
            var xml = Yaml.Map(schema, "xml");
            var properties = new List<XmlPropertyModel>();
            foreach (var (propName, propNode) in Yaml.Entries(Yaml.Map(schema, "properties")))
            {
                if (!remaining.Remove(propName))
                {
                    throw new InvalidOperationException($"Schema '{name}' property '{propName}' has no generated C# property.");
                }

                properties.Add(Property(schemas, propName, (YamlMappingNode)propNode, clrProperties[propName]));
            }

            if (remaining.Count > 0)
            {
                throw new InvalidOperationException($"Generated type {name} has properties the spec does not name: {string.Join(", ", remaining)}.");
            }

            result.Add(new XmlTypeModel(name, Yaml.Scalar(xml, "name") ?? name, Yaml.Scalar(xml, "namespace") ?? string.Empty, properties));
        }

        return result;
    }

    private static XmlPropertyModel Property(YamlMappingNode schemas, string name, YamlMappingNode node, (string Name, string Type) clr)
    {
        var xml = Yaml.Map(node, "xml");
        var elementName = Yaml.Scalar(xml, "name");
        var isArray = Yaml.Scalar(node, "type") == "array";
        var valueNode = isArray ? Yaml.Map(node, "items") ?? throw new InvalidOperationException($"Array '{name}' has no items.") : node;
        var refName = RefName(Yaml.Scalar(valueNode, "$ref"));
        var refXmlName = refName is null ? null : Yaml.Scalar(Yaml.Map(Yaml.Map(schemas, refName), "xml"), "name");
        var wrapped = Yaml.Scalar(xml, "wrapped") == "true";
        var attribute = Yaml.Scalar(xml, "attribute") == "true";
        return new XmlPropertyModel
        {
            Name = name,
            ClrName = clr.Name,
            ClrType = clr.Type,
            ElementName = isArray && !wrapped ? elementName ?? Yaml.Scalar(Yaml.Map(valueNode, "xml"), "name") ?? refXmlName ?? name : elementName ?? name,
            ItemElementName = Yaml.Scalar(Yaml.Map(valueNode, "xml"), "name") ?? refXmlName ?? refName,
            IsAttribute = attribute,
            AttributeNamespace = attribute ? Yaml.Scalar(xml, "namespace") : null,
            AttributePrefix = attribute ? Yaml.Scalar(xml, "prefix") : null,
            IsText = Yaml.Scalar(node, "x-xml-text") == "true",
            IsArray = isArray,
            IsWrapped = wrapped,
            ObjectSchema = refName,
            Scalar = refName is null ? ScalarKind(valueNode, name) : "String",
        };
    }

    private static string ScalarKind(YamlMappingNode node, string name) => (Yaml.Scalar(node, "type"), Yaml.Scalar(node, "format")) switch
    {
        ("string", "date-time") => "DateTime",
        ("string", _) => "String",
        ("integer", "int64") => "Int64",
        ("integer", _) => "Int32",
        ("boolean", _) => "Boolean",
        var other => throw new InvalidOperationException($"Property '{name}' has an unsupported XML type {other}."),
    };

    private static string? RefName(string? reference) => reference is null ? null : reference[(reference.LastIndexOf('/') + 1)..];
}
