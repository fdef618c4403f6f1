using S3Spec.Server.Api;

namespace S3Spec.Server.Xml;

/// <summary>
/// The XML mapping of every generated DTO, generated at build time from the <c>xml</c> objects of the spec by
/// spec/S3Spec.SpecGen (NSwag does not carry them into C#), with typed accessors. Rules (OpenAPI 3.0 XML object): the root element is the schema's
/// <c>xml.name</c> (else the schema name) in its <c>xml.namespace</c>; a property's element is its <c>xml.name</c>
/// (else the property name); an array is unwrapped — one element per item, named by the property's
/// <c>xml.name</c>, else the item schema's <c>xml.name</c>, else the property name — unless <c>xml.wrapped</c>,
/// where a wrapper element holds items named by the item schema's <c>xml.name</c>. A property marked with the spec
/// extension <c>x-xml-text: true</c> is the element's text content. The build fails when a generated
/// DTO and the spec disagree.
/// </summary>
internal sealed class S3XmlContract
{
    private readonly Dictionary<Type, XmlTypeContract> _byType = [];

    private S3XmlContract()
    {
    }

    /// <summary>The contract generated at build time from the spec (S3Spec.Server.Xml.S3XmlMap); nothing is parsed at start.</summary>
    public static S3XmlContract Load()
    {
        var contract = new S3XmlContract();
        foreach (var type in S3XmlMap.Types())
        {
            contract._byType.Add(type.Type, type);
        }

        return contract;
    }

    public bool IsMapped(Type? type) => type is not null && _byType.ContainsKey(type);

    public XmlTypeContract For(Type type) =>
        _byType.TryGetValue(type, out var c) ? c : throw new InvalidOperationException($"{type} is not an XML type of the spec.");
}
