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

    /// <summary>Buffered output is handed to the response whenever it exceeds this (between items of the root's lists).</summary>
    private const int DrainBytes = 32 * 1024;

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        CloseOutput = false,
        Indent = false,
        CheckCharacters = false, // FindUncarried has checked every string of the document before the first byte
        NewLineHandling = NewLineHandling.Entitize,
    };

    private static readonly XmlWriterSettings FragmentSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        CloseOutput = false,
        Indent = false,
        CheckCharacters = false, // FindUncarried has checked every string of the document before the first byte
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

    /// <summary>
    /// Writes the document; without the XML declaration when the caller has already sent it. The XML writer runs
    /// synchronously into a pooled buffer that is handed to <paramref name="output"/> whenever it passes
    /// <see cref="DrainBytes"/> between two items of the root's lists (a listing's entries) and at the end: memory stays
    /// bounded by one drain, and no asynchronous call is paid per element.
    /// </summary>
    public async Task WriteAsync(Stream output, object value, bool withDeclaration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = contract.For(value.GetType());
        if (FindUncarried(type, value) is { } element)
        {
            throw new S3Exception(S3Errors.InvalidArgument,
                $"The response's {element} would hold characters XML 1.0 cannot carry (control characters); list with encoding-type=url.");
        }

        using var buffer = new XmlOutputBuffer();
        using (var writer = XmlWriter.Create(buffer, withDeclaration ? WriterSettings : FragmentSettings))
        {
            if (withDeclaration)
            {
                writer.WriteStartDocument();
            }

            writer.WriteStartElement(null, type.ElementName, type.Namespace);
            WriteAttributes(writer, type, value);
            foreach (var p in type.Properties)
            {
                if (p.IsAttribute || p.Get(value) is not { } propertyValue)
                {
                    continue;
                }

                if (!p.IsArray || p.IsText)
                {
                    WriteProperty(writer, p, propertyValue);
                    continue;
                }

                if (p.IsWrapped)
                {
                    writer.WriteStartElement(null, p.ElementName, null);
                }

                foreach (var item in (System.Collections.IList)propertyValue)
                {
                    WriteValue(writer, p, p.IsWrapped ? p.ItemElementName! : p.ElementName, item);
                    if (buffer.Length >= DrainBytes)
                    {
                        writer.Flush();
                        await buffer.DrainAsync(output);
                    }
                }

                if (p.IsWrapped)
                {
                    writer.WriteEndElement();
                }
            }

            writer.WriteEndElement();
            if (withDeclaration)
            {
                writer.WriteEndDocument();
            }
        }

        await buffer.DrainAsync(output);
        await output.FlushAsync(CancellationToken.None);
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

    private static void WriteObject(XmlWriter writer, XmlTypeContract type, string elementName, string? ns, object value)
    {
        writer.WriteStartElement(null, elementName, ns);
        WriteAttributes(writer, type, value);
        foreach (var p in type.Properties)
        {
            if (!p.IsAttribute && p.Get(value) is { } propertyValue)
            {
                WriteProperty(writer, p, propertyValue);
            }
        }

        writer.WriteEndElement();
    }

    private static void WriteAttributes(XmlWriter writer, XmlTypeContract type, object value)
    {
        foreach (var p in type.Properties)
        {
            if (p.IsAttribute && p.Get(value) is { } attribute)
            {
                writer.WriteAttributeString(p.AttributePrefix, p.ElementName, p.AttributeNamespace, Format(p.Scalar, attribute));
            }
        }
    }

    /// <summary>One element property (text, a value or an object, or a list of them) of an object being written.</summary>
    private static void WriteProperty(XmlWriter writer, XmlPropertyContract p, object propertyValue)
    {
        if (p.IsText)
        {
            WriteText(writer, Format(p.Scalar, propertyValue));
            return;
        }

        if (!p.IsArray)
        {
            WriteValue(writer, p, p.ElementName, propertyValue);
            return;
        }

        var items = (System.Collections.IList)propertyValue;
        if (p.IsWrapped)
        {
            writer.WriteStartElement(null, p.ElementName, null);
            foreach (var item in items)
            {
                WriteValue(writer, p, p.ItemElementName!, item);
            }

            writer.WriteEndElement();
        }
        else
        {
            foreach (var item in items)
            {
                WriteValue(writer, p, p.ElementName, item);
            }
        }
    }

    private static void WriteValue(XmlWriter writer, XmlPropertyContract p, string elementName, object? value)
    {
        if (value is null)
        {
            return;
        }

        if (p.Object is { } objectType)
        {
            WriteObject(writer, objectType, elementName, null, value);
            return;
        }

        var text = Format(p.Scalar, value);
        if (XmlText.NeedsReferences(text))
        {
            writer.WriteStartElement(null, elementName, null);
            WriteText(writer, text);
            writer.WriteEndElement();
        }
        else
        {
            writer.WriteElementString(null, elementName, null, text);
        }
    }

    /// <summary>Text with the whitespace an XML parser or a trimming client would change written as character references.</summary>
    private static void WriteText(XmlWriter writer, string text)
    {
        if (!XmlText.NeedsReferences(text))
        {
            writer.WriteString(text);
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
                writer.WriteString(text[start..i]);
            }

            writer.WriteCharEntity(text[i]);
            start = i + 1;
        }

        if (start < text.Length)
        {
            writer.WriteString(text[start..]);
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
        XmlScalarKind.DateTime => FormatDate((DateTimeOffset)value),
        XmlScalarKind.Int32 => ((int)value).ToString(CultureInfo.InvariantCulture),
        XmlScalarKind.Int64 => ((long)value).ToString(CultureInfo.InvariantCulture),
        _ => (string)value,
    };

    /// <summary>The UTC time as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (milliseconds truncated), digit by digit.</summary>
    internal static string FormatDate(DateTimeOffset value) => string.Create(24, value.UtcDateTime, static (span, t) =>
    {
        Digits(span[..4], t.Year);
        span[4] = '-';
        Digits(span[5..7], t.Month);
        span[7] = '-';
        Digits(span[8..10], t.Day);
        span[10] = 'T';
        Digits(span[11..13], t.Hour);
        span[13] = ':';
        Digits(span[14..16], t.Minute);
        span[16] = ':';
        Digits(span[17..19], t.Second);
        span[19] = '.';
        Digits(span[20..23], t.Millisecond);
        span[23] = 'Z';
    });

    private static void Digits(Span<char> span, int value)
    {
        for (var i = span.Length - 1; i >= 0; i--)
        {
            span[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

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
