using System.Xml;
using S3Spec.Server.Api;
using S3Spec.Server.Xml;
using static S3Spec.Server.Tests.Xml.XmlTestSupport;

namespace S3Spec.Server.Tests.Xml;

public sealed class S3XmlSerializerWriteTests
{
    private static readonly DateTimeOffset When = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    [Fact]
    public async Task ListAllMyBucketsResultIsWrappedInTheS3Namespace()
    {
        var xml = await WriteAsync(new ListAllMyBucketsResult
        {
            Owner = new Owner { ID = "owner-id", DisplayName = "owner" },
            Buckets = [new Bucket { Name = "b1", CreationDate = When }, new Bucket { Name = "b2", CreationDate = When }],
        });

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>" +
            "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" +
            "<Owner><ID>owner-id</ID><DisplayName>owner</DisplayName></Owner>" +
            "<Buckets>" +
            "<Bucket><Name>b1</Name><CreationDate>2026-01-02T03:04:05.678Z</CreationDate></Bucket>" +
            "<Bucket><Name>b2</Name><CreationDate>2026-01-02T03:04:05.678Z</CreationDate></Bucket>" +
            "</Buckets>" +
            "</ListAllMyBucketsResult>",
            xml);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("2026-01-02T03:04:05.6789999+00:00")]
    [InlineData("2026-12-31T23:59:59.9990000+00:00")]
    [InlineData("2026-06-15T12:00:00.0010000+02:00")]
    [InlineData("9999-12-31T23:59:59.9999999+00:00")]
    public void DatesAreWrittenInUtcWithTruncatedMilliseconds(string value)
    {
        var t = DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), S3XmlSerializer.FormatDate(t));
    }

    [Fact]
    public async Task AListingLargerThanOneDrainIsWrittenWholeAndInOrder()
    {
        var contents = Enumerable.Range(0, 3000)
            .Select(i => new ListedObject { Key = $"dir/key-{i:D5}", LastModified = When.AddSeconds(i), ETag = $"\"{i:x32}\"", Size = i, StorageClass = "STANDARD" })
            .ToList();
        var doc = await WriteAndParseAsync(new ListBucketResult { Name = "b", Prefix = "dir/", MaxKeys = 3000, IsTruncated = true, Contents = contents });

        var ns = Namespaces(doc);
        var listed = doc.DocumentElement!.SelectNodes("s3:Contents", ns)!;
        Assert.Equal(3000, listed.Count);
        for (var i = 0; i < 3000; i += 299)
        {
            Assert.Equal($"dir/key-{i:D5}", listed[i]!.SelectSingleNode("s3:Key", ns)!.InnerText);
            Assert.Equal(S3XmlSerializer.FormatDate(When.AddSeconds(i)), listed[i]!.SelectSingleNode("s3:LastModified", ns)!.InnerText);
        }

        Assert.Equal("true", doc.DocumentElement!.SelectSingleNode("s3:IsTruncated", ns)!.InnerText);
    }

    [Fact]
    public async Task EmptyWrappedArrayWritesTheWrapper()
    {
        var doc = await WriteAndParseAsync(new ListAllMyBucketsResult { Owner = new Owner { ID = "o" }, Buckets = [] });
        var buckets = doc.SelectSingleNode("/s3:ListAllMyBucketsResult/s3:Buckets", Namespaces(doc));
        Assert.NotNull(buckets);
        Assert.False(buckets.HasChildNodes);
    }

    [Fact]
    public async Task ListBucketResultRepeatsContentsAndCommonPrefixesUnwrapped()
    {
        var doc = await WriteAndParseAsync(new ListBucketResult
        {
            Name = "b",
            Prefix = string.Empty,
            MaxKeys = 1000,
            IsTruncated = false,
            Contents =
            [
                new ListedObject { Key = "a.txt", LastModified = When, ETag = "\"e1\"", Size = 5, StorageClass = "STANDARD" },
                new ListedObject { Key = "b.txt", LastModified = When, ETag = "\"e2\"", Size = 0, StorageClass = "STANDARD" },
            ],
            CommonPrefixes = [new CommonPrefix { Prefix = "d1/" }, new CommonPrefix { Prefix = "d2/" }],
        });

        var ns = Namespaces(doc);
        var root = doc.DocumentElement!;
        Assert.Equal("ListBucketResult", root.LocalName);
        Assert.Equal(S3Namespace, root.NamespaceURI);

        var contents = root.SelectNodes("s3:Contents", ns)!;
        Assert.Equal(2, contents.Count);
        Assert.Equal("a.txt", contents[0]!.SelectSingleNode("s3:Key", ns)!.InnerText);
        Assert.Equal("\"e1\"", contents[0]!.SelectSingleNode("s3:ETag", ns)!.InnerText);
        Assert.Equal("5", contents[0]!.SelectSingleNode("s3:Size", ns)!.InnerText);
        Assert.Equal("2026-01-02T03:04:05.678Z", contents[0]!.SelectSingleNode("s3:LastModified", ns)!.InnerText);
        Assert.Equal("b.txt", contents[1]!.SelectSingleNode("s3:Key", ns)!.InnerText);
        Assert.Equal("0", contents[1]!.SelectSingleNode("s3:Size", ns)!.InnerText);

        var prefixes = root.SelectNodes("s3:CommonPrefixes/s3:Prefix", ns)!;
        Assert.Equal(2, prefixes.Count);
        Assert.Equal("d1/", prefixes[0]!.InnerText);
        Assert.Equal("d2/", prefixes[1]!.InnerText);
        Assert.Equal(2, root.SelectNodes("s3:CommonPrefixes", ns)!.Count);
        Assert.Null(root.SelectSingleNode("s3:Contents/s3:Contents", ns));
    }

    [Fact]
    public async Task ElementsFollowTheSpecPropertyOrder()
    {
        var doc = await WriteAndParseAsync(new ListBucketV2Result
        {
            Name = "b",
            Prefix = "p",
            KeyCount = 1,
            MaxKeys = 1,
            IsTruncated = true,
            NextContinuationToken = "t",
            Contents = [new ListedObject { Key = "p1" }],
        });

        var names = new List<string>();
        foreach (XmlNode child in doc.DocumentElement!.ChildNodes)
        {
            names.Add(child.LocalName);
        }

        Assert.Equal(["Name", "Prefix", "MaxKeys", "KeyCount", "IsTruncated", "NextContinuationToken", "Contents"], names);
        Assert.Equal("ListBucketResult", doc.DocumentElement.LocalName);
    }

    [Fact]
    public async Task DatesAreUtcWithMilliseconds()
    {
        var local = new DateTimeOffset(2026, 1, 2, 5, 4, 5, 678, TimeSpan.FromHours(2));
        var doc = await WriteAndParseAsync(new CopyObjectResult { LastModified = local, ETag = "\"x\"" });
        Assert.Equal("2026-01-02T03:04:05.678Z", doc.DocumentElement!["LastModified"]!.InnerText);

        var whole = await WriteAndParseAsync(new CopyObjectResult { LastModified = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) });
        Assert.Equal("2026-01-02T03:04:05.000Z", whole.DocumentElement!["LastModified"]!.InnerText);
    }

    [Fact]
    public async Task BooleansAreLowerCase()
    {
        var truncated = await WriteAndParseAsync(new ListBucketResult { IsTruncated = true });
        Assert.Equal("true", truncated.DocumentElement!["IsTruncated"]!.InnerText);
        var complete = await WriteAndParseAsync(new ListBucketResult { IsTruncated = false });
        Assert.Equal("false", complete.DocumentElement!["IsTruncated"]!.InnerText);
    }

    [Fact]
    public async Task NullsAreOmittedAndEmptyStringsAreEmptyElements()
    {
        var doc = await WriteAndParseAsync(new ListBucketResult { Name = "b", Prefix = string.Empty, Marker = null, Delimiter = null });
        var root = doc.DocumentElement!;
        Assert.NotNull(root["Prefix"]);
        Assert.Equal(string.Empty, root["Prefix"]!.InnerText);
        Assert.Null(root["Marker"]);
        Assert.Null(root["Delimiter"]);
        Assert.Null(root["MaxKeys"]);
        Assert.Null(root["IsTruncated"]);
        Assert.Null(root["Contents"]);
        Assert.Null(root["CommonPrefixes"]);
        Assert.Equal(2, root.ChildNodes.Count);
    }

    [Fact]
    public async Task ErrorHasNoNamespace()
    {
        var xml = await WriteAsync(new Error { Code = "NoSuchKey", Message = "m", Key = "k", Resource = "/b/k", RequestId = "r" });
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>NoSuchKey</Code><Message>m</Message><Key>k</Key>" +
            "<Resource>/b/k</Resource><RequestId>r</RequestId></Error>",
            xml);
        Assert.DoesNotContain("xmlns", xml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\r\nb")]
    [InlineData("\r\n")]
    [InlineData("tab\there")]
    [InlineData(" lead and trail ")]
    [InlineData("<&>\"'")]
    [InlineData("é😀")]
    public async Task KeysSurviveAWriteParseRoundTrip(string key)
    {
        var doc = await WriteAndParseAsync(new ListBucketResult { Contents = [new ListedObject { Key = key }] });
        var ns = Namespaces(doc);
        Assert.Equal(key, doc.SelectSingleNode("/s3:ListBucketResult/s3:Contents/s3:Key", ns)!.InnerText);

        // A normalising reader (what clients use) must see the same characters.
        var text = await WriteAsync(new ListBucketResult { Contents = [new ListedObject { Key = key }] });
        using var reader = XmlReader.Create(new StringReader(text));
        reader.ReadToFollowing("Key", S3Namespace);
        Assert.Equal(key, reader.ReadElementContentAsString());
    }

    [Fact]
    public async Task CarriageReturnIsEntitized()
    {
        var xml = await WriteAsync(new ListBucketResult { Contents = [new ListedObject { Key = "a\rb" }] });
        Assert.Contains("a&#xD;b", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WritesNoByteOrderMark()
    {
        using var stream = new MemoryStream();
        await Serializer.WriteAsync(stream, new Error { Code = "c" }, CancellationToken.None);
        Assert.Equal((byte)'<', stream.ToArray()[0]);
    }

    [Fact]
    public async Task NestedOwnerInsideContents()
    {
        var doc = await WriteAndParseAsync(new ListBucketV2Result
        {
            Contents = [new ListedObject { Key = "k", Owner = new Owner { ID = "id1", DisplayName = "dn" } }],
        });
        var ns = Namespaces(doc);
        Assert.Equal("id1", doc.SelectSingleNode("/s3:ListBucketResult/s3:Contents/s3:Owner/s3:ID", ns)!.InnerText);
    }

    [Fact]
    public async Task ListPartsUsesPartElements()
    {
        var doc = await WriteAndParseAsync(new ListPartsResult
        {
            Bucket = "b",
            Key = "k",
            UploadId = "u",
            Parts = [new Part { PartNumber = 1, ETag = "\"a\"", Size = 5 }, new Part { PartNumber = 2, ETag = "\"b\"", Size = 1 }],
        });
        var ns = Namespaces(doc);
        var parts = doc.SelectNodes("/s3:ListPartsResult/s3:Part", ns)!;
        Assert.Equal(2, parts.Count);
        Assert.Equal("2", parts[1]!["PartNumber"]!.InnerText);
    }

    [Fact]
    public async Task ATypeOutsideTheSpecIsRefused()
    {
        using var stream = new MemoryStream();
        await Assert.ThrowsAsync<InvalidOperationException>(() => Serializer.WriteAsync(stream, "not a dto", CancellationToken.None));
    }

    [Theory]
    [InlineData(" ", "&#x20;")]
    [InlineData("\n", "&#xA;")]
    [InlineData("\r", "&#xD;")]
    [InlineData("\t", "&#x9;")]
    [InlineData("\r\n", "&#xD;&#xA;")]
    [InlineData(" a b ", "&#x20;a b&#x20;")]
    [InlineData("a\tb", "a&#x9;b")]
    [InlineData("  a  ", "&#x20;&#x20;a&#x20;&#x20;")]
    [InlineData("a b", "a b")]
    public async Task WhitespaceAParserOrATrimmingClientWouldChangeIsWrittenAsCharacterReferences(string value, string written)
    {
        var result = new ListBucketResult { Name = "b", Prefix = value, Delimiter = value, MaxKeys = 1, IsTruncated = false };
        var xml = await WriteAsync(result);
        Assert.Contains("<Prefix>" + written + "</Prefix>", xml, StringComparison.Ordinal);
        Assert.Contains("<Delimiter>" + written + "</Delimiter>", xml, StringComparison.Ordinal);

        // Read back by an XML parser, the value is exactly what was written.
        var doc = await WriteAndParseAsync(result);
        Assert.Equal(value, doc.SelectSingleNode("/s3:ListBucketResult/s3:Prefix", Namespaces(doc))!.InnerText);
    }

    [Theory]
    [InlineData("a\u0001b")]
    [InlineData("\u001F")]
    [InlineData("\uFFFE")]
    public async Task AValueXmlCannotCarryIsAnInvalidArgumentBeforeAnyByteIsWritten(string key)
    {
        using var stream = new MemoryStream();
        var result = new ListBucketResult
        {
            Name = "b", Prefix = "", MaxKeys = 1, IsTruncated = false,
            Contents = [new ListedObject { Key = "ok" }, new ListedObject { Key = key }],
        };
        var e = await Assert.ThrowsAsync<S3Spec.Core.Errors.S3Exception>(() => Serializer.WriteAsync(stream, result, CancellationToken.None));
        Assert.Equal("InvalidArgument", e.Error.Code);
        Assert.Contains("Key", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }
}
