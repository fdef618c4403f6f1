using S3Spec.Core.Errors;
using S3Spec.Server.Api;
using static S3Spec.Server.Tests.Xml.XmlTestSupport;

namespace S3Spec.Server.Tests.Xml;

public sealed class S3XmlSerializerReadTests
{
    private const string TwoParts =
        "<Part><PartNumber>2</PartNumber><ETag>\"b\"</ETag></Part>" +
        "<Part><PartNumber>1</PartNumber><ETag>\"a\"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>";

    private static void AssertTwoPartsInOrder(CompleteMultipartUpload body)
    {
        Assert.NotNull(body.Parts);
        Assert.Equal(2, body.Parts.Count);
        Assert.Equal(2, body.Parts[0].PartNumber);
        Assert.Equal("\"b\"", body.Parts[0].ETag);
        Assert.Null(body.Parts[0].ChecksumCRC32);
        Assert.Equal(1, body.Parts[1].PartNumber);
        Assert.Equal("\"a\"", body.Parts[1].ETag);
        Assert.Equal("AAAAAA==", body.Parts[1].ChecksumCRC32);
    }

    [Fact]
    public async Task ReadsCompleteMultipartUploadWithTheS3Namespace()
    {
        var body = await ReadAsync<CompleteMultipartUpload>(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + TwoParts + "</CompleteMultipartUpload>");
        AssertTwoPartsInOrder(body);
    }

    [Fact]
    public async Task ReadsCompleteMultipartUploadWithoutANamespace()
    {
        var body = await ReadAsync<CompleteMultipartUpload>("<CompleteMultipartUpload>" + TwoParts + "</CompleteMultipartUpload>");
        AssertTwoPartsInOrder(body);
    }

    [Fact]
    public async Task ReadsIndentedDocumentsWithComments()
    {
        var body = await ReadAsync<CompleteMultipartUpload>(
            "<?xml version=\"1.0\"?>\n<!-- c -->\n<CompleteMultipartUpload>\n  <Part>\n    <PartNumber> 2 </PartNumber>\n    <ETag>\"b\"</ETag>\n  </Part>\n" +
            "  <Part><PartNumber>1</PartNumber><ETag>\"a\"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>\n</CompleteMultipartUpload>\n");
        AssertTwoPartsInOrder(body);
    }

    [Fact]
    public async Task UnknownElementsAreSkipped()
    {
        var body = await ReadAsync<CompleteMultipartUpload>(
            "<CompleteMultipartUpload><Unknown><Part><PartNumber>9</PartNumber></Part></Unknown>" +
            "<Part><Extra>x</Extra><PartNumber>2</PartNumber><Nested><A/><B>y</B></Nested><ETag>\"b\"</ETag></Part>" +
            "<Empty/>" +
            "<Part><PartNumber>1</PartNumber><ETag>\"a\"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>" +
            "<Trailing>z</Trailing></CompleteMultipartUpload>");
        AssertTwoPartsInOrder(body);
    }

    [Fact]
    public async Task EmptyRootGivesNoParts()
    {
        var body = await ReadAsync<CompleteMultipartUpload>("<CompleteMultipartUpload/>");
        Assert.Null(body.Parts);
    }

    [Fact]
    public async Task ReadBackWhatWasWritten()
    {
        var original = new ListBucketV2Result
        {
            Name = "b",
            KeyCount = 2,
            IsTruncated = true,
            Contents = [new ListedObject { Key = "a\r\nb", Size = 3, LastModified = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero) }],
            CommonPrefixes = [new CommonPrefix { Prefix = "p/" }],
        };
        using var stream = new MemoryStream();
        await Serializer.WriteAsync(stream, original, CancellationToken.None);
        stream.Position = 0;
        var back = (ListBucketV2Result)await Serializer.ReadAsync(typeof(ListBucketV2Result), stream);
        Assert.Equal("b", back.Name);
        Assert.Equal(2, back.KeyCount);
        Assert.True(back.IsTruncated);
        Assert.Equal("a\r\nb", back.Contents[0].Key);
        Assert.Equal(3, back.Contents[0].Size);
        Assert.Equal(original.Contents[0].LastModified, back.Contents[0].LastModified);
        Assert.Equal("p/", back.CommonPrefixes[0].Prefix);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE CompleteMultipartUpload [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><CompleteMultipartUpload><Part><ETag>&x;</ETag></Part></CompleteMultipartUpload>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE CompleteMultipartUpload [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><CompleteMultipartUpload><Part><ETag>&b;</ETag></Part></CompleteMultipartUpload>")]
    [InlineData("<!DOCTYPE CompleteMultipartUpload SYSTEM \"http://127.0.0.1:1/x.dtd\"><CompleteMultipartUpload/>")]
    [InlineData("<CompleteMultipartUpload><Part><ETag>&undefined;</ETag></Part></CompleteMultipartUpload>")]
    public async Task DtdOrEntitiesAreMalformedXml(string xml)
    {
        var e = await Assert.ThrowsAsync<S3Exception>(() => ReadAsync<CompleteMultipartUpload>(xml));
        Assert.Same(S3Errors.MalformedXML, e.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("{\"Parts\":[]}")]
    [InlineData("<CompleteMultipartUpload><Part>")]
    [InlineData("<CompleteMultipartUpload><Part></CompleteMultipartUpload>")]
    [InlineData("<CompleteMultipartUpload></CompleteMultipartUpload><Second/>")]
    [InlineData("<CompleteMultipartUpload><Part><PartNumber>one</PartNumber></Part></CompleteMultipartUpload>")]
    [InlineData("<CompleteMultipartUpload><Part><PartNumber>99999999999</PartNumber></Part></CompleteMultipartUpload>")]
    [InlineData("<CompleteMultipartUpload><Part><PartNumber><x/></PartNumber></Part></CompleteMultipartUpload>")]
    public async Task GarbageIsMalformedXml(string xml)
    {
        var e = await Assert.ThrowsAsync<S3Exception>(() => ReadAsync<CompleteMultipartUpload>(xml));
        Assert.Same(S3Errors.MalformedXML, e.Error);
    }

    [Theory]
    [InlineData("<Delete><Object><Key>k</Key></Object></Delete>")]
    [InlineData("<Part><PartNumber>1</PartNumber></Part>")]
    [InlineData("<completemultipartupload/>")]
    public async Task AnotherRootElementIsMalformedXml(string xml)
    {
        var e = await Assert.ThrowsAsync<S3Exception>(() => ReadAsync<CompleteMultipartUpload>(xml));
        Assert.Same(S3Errors.MalformedXML, e.Error);
    }

    [Fact]
    public async Task OversizedDocumentIsMalformedXml()
    {
        var padding = new string('a', S3Spec.Server.Xml.S3XmlSerializer.MaxRequestDocumentChars + 10);
        var e = await Assert.ThrowsAsync<S3Exception>(() => ReadAsync<CompleteMultipartUpload>("<CompleteMultipartUpload><Part><ETag>" + padding + "</ETag></Part></CompleteMultipartUpload>"));
        Assert.Same(S3Errors.MalformedXML, e.Error);
    }
}
