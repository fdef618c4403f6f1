namespace S3Spec.Server.Xml;

/// <summary>How one generated DTO type maps to XML, read from the spec's <c>xml</c> objects.</summary>
internal sealed class XmlTypeContract(Type type, string elementName, string ns, Func<object> create)
{
    public Type Type { get; } = type;

    public string ElementName { get; } = elementName;

    /// <summary>Default namespace of the root element ("" for none); children inherit it.</summary>
    public string Namespace { get; } = ns;

    public Func<object> Create { get; } = create;

    public List<XmlPropertyContract> Properties { get; } = [];

    public XmlPropertyContract? FindByElement(string localName)
    {
        foreach (var p in Properties)
        {
            if (string.Equals(p.ElementName, localName, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return null;
    }
}

internal enum XmlScalarKind
{
    String,
    Int32,
    Int64,
    Boolean,
    DateTime,
}

/// <summary>One property: its element (or attribute) name, its kind and compiled accessors.</summary>
internal sealed class XmlPropertyContract
{
    public required string ElementName { get; init; }

    public required Func<object, object?> Get { get; init; }

    public required Action<object, object?> Set { get; init; }

    public bool IsAttribute { get; init; }

    /// <summary>Namespace and prefix of an attribute (e.g. xsi:type); null for none.</summary>
    public string? AttributeNamespace { get; init; }

    public string? AttributePrefix { get; init; }

    /// <summary>The element's text content (spec extension <c>x-xml-text: true</c>), e.g. LocationConstraint.</summary>
    public bool IsText { get; init; }

    /// <summary>Array property: items repeated (unwrapped) or inside a wrapper element named <see cref="ElementName"/>.</summary>
    public bool IsArray { get; init; }

    public bool IsWrapped { get; init; }

    /// <summary>Element name of each item of a wrapped array.</summary>
    public string? ItemElementName { get; init; }

    /// <summary>Scalar kind of the value or of each item (when <see cref="Object"/> is null).</summary>
    public XmlScalarKind Scalar { get; init; }

    /// <summary>Contract of the value or of each item when it is an object; resolved after all types are known.</summary>
    public XmlTypeContract? Object { get; set; }

    public string? ObjectSchema { get; init; }

    /// <summary>Creates the list instance of an array property.</summary>
    public Func<System.Collections.IList>? CreateList { get; init; }
}
