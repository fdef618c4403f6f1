using System.Globalization;
using System.Text;
using System.Xml;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Xml;

/// <summary>Writes and reads the spec's XML documents through <see cref="S3XmlContract"/>: no reflection per request.</summary>
internal sealed class S3XmlSerializer(S3XmlContract contract)
{
    /// <summary>Largest XML request body read (a CompleteMultipartUpload of 10,000 parts with checksums fits).</summary>
    public const int MaxRequestDocumentChars = 4 * 1024 * 1024;

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(false),
        CloseOutput = false,
        Indent = false,
        CheckCharacters = true,
        NewLineHandling = NewLineHandling.Entitize,
    };

    private static readonly XmlWriterSettings FragmentSettings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(false),
        CloseOutput = false,
        Indent = false,
        CheckCharacters = true,
        NewLineHandling = NewLineHandling.Entitize,
        OmitXmlDeclaration = true,
        ConformanceLevel = ConformanceLevel.Document,
    };

    /// <summary>The XML declaration sent ahead of a document whose body follows later (whitespace keep-alive).</summary>
    public static ReadOnlyMemory<byte> Declaration { get; } = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"u8.ToArray();

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = MaxRequestDocumentChars,
        CloseInput = false,
    };

    public S3XmlContract Contract => contract;

    public Task WriteAsync(Stream output, object value, CancellationToken cancellationToken) =>
        WriteAsync(output, value, withDeclaration: true, cancellationToken);

    /// <summary>Writes the document; without the XML declaration when the caller has already sent it.</summary>
    public async Task WriteAsync(Stream output, object value, bool withDeclaration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = contract.For(value.GetType());
        if (FindUncarried(type, value) is { } element)
        {
            throw new S3Exception(S3Errors.InvalidArgument,
                $"The response's {element} would hold characters XML 1.0 cannot carry (control characters); list with encoding-type=url.");
        }

        await using var writer = XmlWriter.Create(output, withDeclaration ? WriterSettings : FragmentSettings);
        if (withDeclaration)
        {
            await writer.WriteStartDocumentAsync();
        }

        await WriteObjectAsync(writer, type, type.ElementName, type.Namespace, value);
        if (withDeclaration)
        {
            await writer.WriteEndDocumentAsync();
        }

        await writer.FlushAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Reads a document whose root must be the type's element (any namespace). Malformed input is MalformedXML.</summary>
    public async Task<object> ReadAsync(Type dtoType, Stream input)
    {
        var type = contract.For(dtoType);
        try
        {
            using var reader = XmlReader.Create(input, ReaderSettings);
            if (await reader.MoveToContentAsync() != XmlNodeType.Element || reader.LocalName != type.ElementName)
            {
                throw new S3Exception(S3Errors.MalformedXML);
            }

            return await ReadObjectAsync(reader, type);
        }
        catch (XmlException e)
        {
            throw new S3Exception(S3Errors.MalformedXML, inner: e);
        }
        catch (FormatException e)
        {
            throw new S3Exception(S3Errors.MalformedXML, inner: e);
        }
        catch (OverflowException e)
        {
            throw new S3Exception(S3Errors.MalformedXML, inner: e);
        }
        catch (ArgumentException e)
        {
            // XmlReader throws ArgumentOutOfRangeException on some invalid bytes in the XML declaration.
            throw new S3Exception(S3Errors.MalformedXML, inner: e);
        }
    }

    private static async Task WriteObjectAsync(XmlWriter writer, XmlTypeContract type, string elementName, string? ns, object value)
    {
        await writer.WriteStartElementAsync(null, elementName, ns);
        foreach (var p in type.Properties)
        {
            if (p.IsAttribute && p.Get(value) is { } attribute)
            {
                await writer.WriteAttributeStringAsync(p.AttributePrefix, p.ElementName, p.AttributeNamespace, Format(p.Scalar, attribute));
            }
        }

        foreach (var p in type.Properties)
        {
            if (p.IsAttribute || p.Get(value) is not { } propertyValue)
            {
                continue;
            }

            if (p.IsText)
            {
                await WriteTextAsync(writer, Format(p.Scalar, propertyValue));
                continue;
            }

            if (!p.IsArray)
            {
                await WriteValueAsync(writer, p, p.ElementName, propertyValue);
                continue;
            }

            var items = (System.Collections.IList)propertyValue;
            if (p.IsWrapped)
            {
                await writer.WriteStartElementAsync(null, p.ElementName, null);
                foreach (var item in items)
                {
                    await WriteValueAsync(writer, p, p.ItemElementName!, item);
                }

                await writer.WriteEndElementAsync();
            }
            else
            {
                foreach (var item in items)
                {
                    await WriteValueAsync(writer, p, p.ElementName, item);
                }
            }
        }

        await writer.WriteEndElementAsync();
    }

    private static Task WriteValueAsync(XmlWriter writer, XmlPropertyContract p, string elementName, object? value)
    {
        if (value is null)
        {
            return Task.CompletedTask;
        }

        if (p.Object is { } objectType)
        {
            return WriteObjectAsync(writer, objectType, elementName, null, value);
        }

        var text = Format(p.Scalar, value);
        return XmlText.NeedsReferences(text) ? WriteElementTextAsync(writer, elementName, text) : writer.WriteElementStringAsync(null, elementName, null, text);
    }

    private static async Task WriteElementTextAsync(XmlWriter writer, string elementName, string text)
    {
        await writer.WriteStartElementAsync(null, elementName, null);
        await WriteTextAsync(writer, text);
        await writer.WriteEndElementAsync();
    }

    /// <summary>Text with the whitespace an XML parser or a trimming client would change written as character references.</summary>
    private static async Task WriteTextAsync(XmlWriter writer, string text)
    {
        if (!XmlText.NeedsReferences(text))
        {
            await writer.WriteStringAsync(text);
            return;
        }

        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!XmlText.NeedsReference(text, i))
            {
                continue;
            }

            if (i > start)
            {
                await writer.WriteStringAsync(text[start..i]);
            }

            await writer.WriteCharEntityAsync(text[i]);
            start = i + 1;
        }

        if (start < text.Length)
        {
            await writer.WriteStringAsync(text[start..]);
        }
    }

    /// <summary>The element name of the first string value XML 1.0 cannot carry, or null when the document can be written.</summary>
    private static string? FindUncarried(XmlTypeContract type, object value)
    {
        foreach (var p in type.Properties)
        {
            if (p.Get(value) is not { } propertyValue)
            {
                continue;
            }

            if (!p.IsArray)
            {
                if (Check(p, propertyValue) is { } found)
                {
                    return found;
                }

                continue;
            }

            foreach (var item in (System.Collections.IList)propertyValue)
            {
                if (item is not null && Check(p, item) is { } found)
                {
                    return found;
                }
            }
        }

        return null;

        static string? Check(XmlPropertyContract p, object item) =>
            p.Object is { } objectType ? FindUncarried(objectType, item)
            : item is string s && !XmlText.CanCarry(s) ? p.ElementName
            : null;
    }

    private static string Format(XmlScalarKind kind, object value) => kind switch
    {
        XmlScalarKind.Boolean => (bool)value ? "true" : "false",
        XmlScalarKind.DateTime => ((DateTimeOffset)value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        XmlScalarKind.Int32 => ((int)value).ToString(CultureInfo.InvariantCulture),
        XmlScalarKind.Int64 => ((long)value).ToString(CultureInfo.InvariantCulture),
        _ => (string)value,
    };

    private static object Parse(XmlScalarKind kind, string text) => kind switch
    {
        XmlScalarKind.Boolean => bool.Parse(text.Trim()),
        XmlScalarKind.DateTime => DateTimeOffset.Parse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        XmlScalarKind.Int32 => int.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture),
        XmlScalarKind.Int64 => long.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture),
        _ => text,
    };

    private static async Task<object> ReadObjectAsync(XmlReader reader, XmlTypeContract type)
    {
        var instance = type.Create();
        if (reader.HasAttributes)
        {
            foreach (var p in type.Properties)
            {
                if (p.IsAttribute && (p.AttributeNamespace is null ? reader.GetAttribute(p.ElementName) : reader.GetAttribute(p.ElementName, p.AttributeNamespace)) is { } attribute)
                {
                    p.Set(instance, Parse(p.Scalar, attribute));
                }
            }
        }

        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync();
            return instance;
        }

        if (type.Properties.Find(static p => p.IsText) is { } text)
        {
            text.Set(instance, Parse(text.Scalar, await reader.ReadElementContentAsStringAsync()));
            return instance;
        }

        await reader.ReadAsync();
        while (await reader.MoveToContentAsync() == XmlNodeType.Element)
        {
            var p = type.FindByElement(reader.LocalName);
            if (p is null || p.IsAttribute)
            {
                await reader.SkipAsync();
                continue;
            }

            if (!p.IsArray)
            {
                p.Set(instance, await ReadValueAsync(reader, p));
                continue;
            }

            var list = (System.Collections.IList?)p.Get(instance);
            if (list is null)
            {
                list = p.CreateList!();
                p.Set(instance, list);
            }

            if (!p.IsWrapped)
            {
                list.Add(await ReadValueAsync(reader, p));
                continue;
            }

            if (reader.IsEmptyElement)
            {
                await reader.ReadAsync();
                continue;
            }

            await reader.ReadAsync();
            while (await reader.MoveToContentAsync() == XmlNodeType.Element)
            {
                if (reader.LocalName == p.ItemElementName)
                {
                    list.Add(await ReadValueAsync(reader, p));
                }
                else
                {
                    await reader.SkipAsync();
                }
            }

            await reader.ReadAsync();
        }

        if (reader.NodeType == XmlNodeType.EndElement)
        {
            await reader.ReadAsync();
        }

        return instance;
    }

    private static async Task<object> ReadValueAsync(XmlReader reader, XmlPropertyContract p) =>
        p.Object is { } objectType
            ? await ReadObjectAsync(reader, objectType)
            : Parse(p.Scalar, await reader.ReadElementContentAsStringAsync());
}
