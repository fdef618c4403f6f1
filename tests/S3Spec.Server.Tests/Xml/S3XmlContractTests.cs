using S3Spec.Server.Api;
using S3Spec.Server.Xml;
using S3Spec.SpecGen;
using S3Spec.Testing;

namespace S3Spec.Server.Tests.Xml;

/// <summary>
/// The XML contract generated at build time (spec/S3Spec.SpecGen), and the generator's own checks: a spec and DTOs
/// that disagree fail the build (the generator reads NSwag's generated DTOs of the server's build).
/// </summary>
public sealed class S3XmlContractTests
{
    private static readonly Lazy<string> Dtos = new(() =>
        File.ReadAllText(Path.Combine(RepoPaths.Root(), "src", "S3Spec.Server", "obj", "Generated", "S3Api.g.cs")));

    private static IReadOnlyList<XmlTypeModel> FromYaml(string yaml) => Generator.XmlTypes(yaml, Dtos.Value);

    private const string OwnerHeader = """
        openapi: 3.0.3
        components:
          schemas:
            Owner:
              type: object
              xml: { name: Owner }
              properties:
        """;

    [Fact]
    public void TheEmbeddedSpecMapsEveryResponseType()
    {
        var contract = S3XmlContract.Load();
        foreach (var type in new[]
        {
            typeof(Error), typeof(ListAllMyBucketsResult), typeof(ListBucketResult), typeof(ListBucketV2Result), typeof(CopyObjectResult),
            typeof(InitiateMultipartUploadResult), typeof(CompleteMultipartUpload), typeof(CompleteMultipartUploadResult),
            typeof(ListPartsResult), typeof(ListMultipartUploadsResult),
        })
        {
            Assert.True(contract.IsMapped(type), type.Name);
        }

        Assert.False(contract.IsMapped(typeof(string)));
        Assert.False(contract.IsMapped(null));
        Assert.Equal("ListBucketResult", contract.For(typeof(ListBucketV2Result)).ElementName);
        Assert.Equal("http://s3.amazonaws.com/doc/2006-03-01/", contract.For(typeof(ListBucketV2Result)).Namespace);
        Assert.Equal(string.Empty, contract.For(typeof(Error)).Namespace);
    }

    [Fact]
    public void ArrayMappingFollowsTheXmlObject()
    {
        var contract = S3XmlContract.Load();
        var buckets = contract.For(typeof(ListAllMyBucketsResult)).FindByElement("Buckets")!;
        Assert.True(buckets.IsArray);
        Assert.True(buckets.IsWrapped);
        Assert.Equal("Bucket", buckets.ItemElementName);

        var contents = contract.For(typeof(ListBucketResult)).FindByElement("Contents")!;
        Assert.True(contents.IsArray);
        Assert.False(contents.IsWrapped);

        var uploads = contract.For(typeof(ListMultipartUploadsResult)).FindByElement("Upload");
        Assert.NotNull(uploads);
        Assert.Null(contract.For(typeof(ListMultipartUploadsResult)).FindByElement("Uploads"));
        Assert.NotNull(contract.For(typeof(CompleteMultipartUpload)).FindByElement("Part"));
    }

    [Fact]
    public void AMinimalSpecOfAGeneratedTypeLoads()
    {
        var contract = FromYaml(OwnerHeader + """

                    ID: { type: string }
                    DisplayName: { type: string }
            """);
        var owner = Assert.Single(contract);
        Assert.Equal(nameof(Owner), owner.Schema);
        Assert.DoesNotContain(contract, t => t.Schema == nameof(Bucket));
        Assert.Equal("Owner", owner.ElementName);
        Assert.Equal(["ID", "DisplayName"], owner.Properties.Select(p => p.ElementName));
        Assert.Throws<InvalidOperationException>(() => S3XmlContract.Load().For(typeof(string)));
    }

    [Fact]
    public void ASpecPropertyTheDtoLacksFailsTheBuild()
    {
        var e = Assert.Throws<InvalidOperationException>(() => FromYaml(OwnerHeader + """

                    ID: { type: string }
                    DisplayName: { type: string }
                    Extra: { type: string }
            """));
        Assert.Contains("Extra", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADtoPropertyTheSpecLacksFailsTheBuild()
    {
        var e = Assert.Throws<InvalidOperationException>(() => FromYaml(OwnerHeader + """

                    ID: { type: string }
            """));
        Assert.Contains("DisplayName", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASchemaWithoutAGeneratedTypeFailsTheBuild()
    {
        var e = Assert.Throws<InvalidOperationException>(() => FromYaml("""
            components:
              schemas:
                NoSuchSchema:
                  type: object
                  properties:
                    A: { type: string }
            """));
        Assert.Contains("NoSuchSchema", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnsupportedScalarTypeFailsTheBuild()
    {
        Assert.Throws<InvalidOperationException>(() => FromYaml(OwnerHeader + """

                    ID: { type: number }
                    DisplayName: { type: string }
            """));
    }

    [Fact]
    public void ASpecWithoutSchemasFailsTheBuild()
    {
        Assert.Throws<InvalidOperationException>(() => FromYaml("openapi: 3.0.3\ncomponents:\n  parameters: {}\n"));
    }
}
