using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization;
using YamlDotNet.RepresentationModel;

namespace S3Spec.Server.Xml;

/// <summary>
/// The XML mapping of every generated DTO, built once at start from the <c>xml</c> objects of the embedded spec
/// (NSwag does not carry them into C#). Rules (OpenAPI 3.0 XML object): the root element is the schema's
/// <c>xml.name</c> (else the schema name) in its <c>xml.namespace</c>; a property's element is its <c>xml.name</c>
/// (else the property name); an array is unwrapped — one element per item, named by the property's
/// <c>xml.name</c>, else the item schema's <c>xml.name</c>, else the property name — unless <c>xml.wrapped</c>,
/// where a wrapper element holds items named by the item schema's <c>xml.name</c>. A property marked with the spec
/// extension <c>x-xml-text: true</c> is the element's text content. Start-up fails when a generated
/// DTO and the spec disagree.
/// </summary>
internal sealed class S3XmlContract
{
    private const string DtoNamespace = "S3Spec.Server.Api.";
    private readonly Dictionary<Type, XmlTypeContract> _byType = [];

    private S3XmlContract()
    {
    }

    public static S3XmlContract Load()
    {
        var assembly = typeof(S3XmlContract).Assembly;
        using var stream = assembly.GetManifestResourceStream("s3.yaml")
            ?? throw new InvalidOperationException("The embedded OpenAPI spec s3.yaml is missing.");
        using var reader = new StreamReader(stream);
        return FromYaml(reader, assembly);
    }

    public static S3XmlContract FromYaml(TextReader yaml, Assembly dtoAssembly)
    {
        var doc = new YamlStream();
        doc.Load(yaml);
        var root = (YamlMappingNode)doc.Documents[0].RootNode;
        var schemas = Map(Map(root, "components")!, "schemas")
            ?? throw new InvalidOperationException("The spec has no components.schemas.");

        var contract = new S3XmlContract();
        var bySchema = new Dictionary<string, XmlTypeContract>(StringComparer.Ordinal);
        foreach (var (nameNode, schemaNode) in schemas.Children)
        {
            var name = ((YamlScalarNode)nameNode).Value!;
            var schema = (YamlMappingNode)schemaNode;
            var type = dtoAssembly.GetType(DtoNamespace + name)
                ?? throw new InvalidOperationException($"Schema '{name}' has no generated type {DtoNamespace}{name}.");
            var xml = Map(schema, "xml");
            var typeContract = new XmlTypeContract(type, Scalar(xml, "name") ?? name, Scalar(xml, "namespace") ?? string.Empty, Constructor(type));
            var clrProperties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
                .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name, StringComparer.Ordinal);

            foreach (var (propNameNode, propNode) in Map(schema, "properties")?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
            {
                var propName = ((YamlScalarNode)propNameNode).Value!;
                if (!clrProperties.Remove(propName, out var clr))
                {
                    throw new InvalidOperationException($"Schema '{name}' property '{propName}' has no generated C# property.");
                }

                typeContract.Properties.Add(Property(schemas, propName, (YamlMappingNode)propNode, clr));
            }

            if (clrProperties.Count > 0)
            {
                throw new InvalidOperationException($"Generated type {type.Name} has properties the spec does not name: {string.Join(", ", clrProperties.Keys)}.");
            }

            bySchema.Add(name, typeContract);
            contract._byType.Add(type, typeContract);
        }

        foreach (var typeContract in bySchema.Values)
        {
            foreach (var p in typeContract.Properties)
            {
                if (p.ObjectSchema is not null)
                {
                    p.Object = bySchema[p.ObjectSchema];
                }
            }
        }

        return contract;
    }

    public bool IsMapped(Type? type) => type is not null && _byType.ContainsKey(type);

    public XmlTypeContract For(Type type) =>
        _byType.TryGetValue(type, out var c) ? c : throw new InvalidOperationException($"{type} is not an XML type of the spec.");

    private static XmlPropertyContract Property(YamlMappingNode schemas, string name, YamlMappingNode node, PropertyInfo clr)
    {
        var xml = Map(node, "xml");
        var elementName = Scalar(xml, "name");
        var isArray = Scalar(node, "type") == "array";
        var valueNode = isArray ? Map(node, "items") ?? throw new InvalidOperationException($"Array '{name}' has no items.") : node;
        var refName = RefName(Scalar(valueNode, "$ref"));
        var refXmlName = refName is null ? null : Scalar(Map(Map(schemas, refName), "xml"), "name");
        var wrapped = Scalar(xml, "wrapped") == "true";
        var (get, set) = Accessors(clr);
        return new XmlPropertyContract
        {
            ElementName = isArray && !wrapped ? elementName ?? Scalar(Map(valueNode, "xml"), "name") ?? refXmlName ?? name : elementName ?? name,
            ItemElementName = Scalar(Map(valueNode, "xml"), "name") ?? refXmlName ?? refName,
            IsAttribute = Scalar(xml, "attribute") == "true",
            AttributeNamespace = Scalar(xml, "attribute") == "true" ? Scalar(xml, "namespace") : null,
            AttributePrefix = Scalar(xml, "attribute") == "true" ? Scalar(xml, "prefix") : null,
            IsText = Scalar(node, "x-xml-text") == "true",
            IsArray = isArray,
            IsWrapped = wrapped,
            ObjectSchema = refName,
            Scalar = refName is null ? ScalarKind(valueNode, name) : XmlScalarKind.String,
            Get = get,
            Set = set,
            CreateList = isArray ? ListFactory(clr.PropertyType) : null,
        };
    }

    private static XmlScalarKind ScalarKind(YamlMappingNode node, string name) => (Scalar(node, "type"), Scalar(node, "format")) switch
    {
        ("string", "date-time") => XmlScalarKind.DateTime,
        ("string", _) => XmlScalarKind.String,
        ("integer", "int64") => XmlScalarKind.Int64,
        ("integer", _) => XmlScalarKind.Int32,
        ("boolean", _) => XmlScalarKind.Boolean,
        var other => throw new InvalidOperationException($"Property '{name}' has an unsupported XML type {other}."),
    };

    private static (Func<object, object?> Get, Action<object, object?> Set) Accessors(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object), "o");
        var value = Expression.Parameter(typeof(object), "v");
        var typed = Expression.Convert(instance, property.DeclaringType!);
        var get = Expression.Lambda<Func<object, object?>>(Expression.Convert(Expression.Property(typed, property), typeof(object)), instance).Compile();
        var set = Expression.Lambda<Action<object, object?>>(
            Expression.Assign(Expression.Property(typed, property), Expression.Convert(value, property.PropertyType)), instance, value).Compile();
        return (get, set);
    }

    private static Func<object> Constructor(Type type) =>
        Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(type), typeof(object))).Compile();

    private static Func<System.Collections.IList> ListFactory(Type listType) =>
        Expression.Lambda<Func<System.Collections.IList>>(Expression.Convert(Expression.New(listType), typeof(System.Collections.IList))).Compile();

    private static string? RefName(string? reference) => reference is null ? null : reference[(reference.LastIndexOf('/') + 1)..];

    private static YamlMappingNode? Map(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;
}
