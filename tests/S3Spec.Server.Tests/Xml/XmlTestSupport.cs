using System.Text;
using System.Xml;
using S3Spec.Server.Xml;

namespace S3Spec.Server.Tests.Xml;

internal static class XmlTestSupport
{
    public const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static readonly Lazy<S3XmlSerializer> Shared = new(() => new S3XmlSerializer(S3XmlContract.Load()));

    public static S3XmlSerializer Serializer => Shared.Value;

    public static async Task<string> WriteAsync(object value)
    {
        using var stream = new MemoryStream();
        await Serializer.WriteAsync(stream, value, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static async Task<XmlDocument> WriteAndParseAsync(object value)
    {
        using var stream = new MemoryStream();
        await Serializer.WriteAsync(stream, value, CancellationToken.None);
        stream.Position = 0;
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.Load(stream);
        return doc;
    }

    public static async Task<T> ReadAsync<T>(string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return (T)await Serializer.ReadAsync(typeof(T), stream);
    }

    public static XmlNamespaceManager Namespaces(XmlDocument doc)
    {
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("s3", S3Namespace);
        return ns;
    }
}
