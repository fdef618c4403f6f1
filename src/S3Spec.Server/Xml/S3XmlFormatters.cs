using Microsoft.AspNetCore.Mvc.Formatters;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Xml;

/// <summary>Writes every spec DTO as S3 XML, whatever the Accept header says (S3 answers XML).</summary>
internal sealed class S3XmlOutputFormatter : OutputFormatter
{
    private readonly S3XmlSerializer _serializer;

    public S3XmlOutputFormatter(S3XmlSerializer serializer)
    {
        _serializer = serializer;
        SupportedMediaTypes.Add("application/xml");
    }

    public override bool CanWriteResult(OutputFormatterCanWriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!CanWriteType(context.ObjectType ?? context.Object?.GetType()))
        {
            return false;
        }

        context.ContentType = "application/xml";
        return true;
    }

    public override Task WriteResponseBodyAsync(OutputFormatterWriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _serializer.WriteAsync(context.HttpContext.Response.Body, context.Object!, context.HttpContext.RequestAborted);
    }

    protected override bool CanWriteType(Type? type) => _serializer.Contract.IsMapped(type);
}

/// <summary>Reads spec DTO request bodies whatever their content type (clients send XML as xml, octet-stream or none).</summary>
internal sealed class S3XmlInputFormatter : InputFormatter
{
    private readonly S3XmlSerializer _serializer;

    public S3XmlInputFormatter(S3XmlSerializer serializer)
    {
        _serializer = serializer;
        SupportedMediaTypes.Add("application/xml");
    }

    public override bool CanRead(InputFormatterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CanReadType(context.ModelType);
    }

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        if (request.ContentLength > S3XmlSerializer.MaxRequestDocumentChars)
        {
            throw new S3Exception(S3Errors.MalformedXML, "The XML document is larger than this server accepts.");
        }

        // Request documents are small and bounded: read the document once, check Content-MD5 when sent, then parse.
        using var document = await ReadBoundedAsync(request.Body, S3XmlSerializer.MaxRequestDocumentChars, context.HttpContext.RequestAborted);

        if (Protocol.ContentMd5.Read(request.Headers) is { } expectedMd5
            && !System.Security.Cryptography.MD5.HashData(document.GetBuffer().AsSpan(0, (int)document.Length)).AsSpan().SequenceEqual(expectedMd5.Span))
        {
            throw new S3Exception(S3Errors.BadDigest);
        }

        document.Position = 0;
        return await InputFormatterResult.SuccessAsync(await _serializer.ReadAsync(context.ModelType, document));
    }

    protected override bool CanReadType(Type type) => _serializer.Contract.IsMapped(type);

    private static async Task<MemoryStream> ReadBoundedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var document = new MemoryStream();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int n;
            while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (document.Length + n > limit)
                {
                    await document.DisposeAsync();
                    throw new S3Exception(S3Errors.MalformedXML, "The XML document is larger than this server accepts.");
                }

                document.Write(buffer, 0, n);
            }

            return document;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
