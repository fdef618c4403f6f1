using System.Text;
using YamlDotNet.RepresentationModel;

namespace S3Spec.SpecGen;

/// <summary>One operation of the spec with the traits of its <c>x-s3-*</c> extensions.</summary>
internal sealed record OperationModel
{
    public required string Id { get; init; }

    public required string Method { get; init; }

    /// <summary>Read or Write (<c>x-s3-access</c>, required).</summary>
    public required string Access { get; init; }

    /// <summary><c>x-s3-presigned</c> (default true): the operation may be called through a presigned URL.</summary>
    public bool AllowsPresigned { get; init; } = true;

    /// <summary><c>x-s3-refused-by</c>: the profiles that refuse the operation (NotImplemented).</summary>
    public IReadOnlyList<string> RefusedBy { get; init; } = [];

    /// <summary><c>x-s3-checksum</c>: what an x-amz-checksum-* header covers, Body (default) or Object.</summary>
    public string Checksum { get; init; } = "Body";

    public required IReadOnlyList<ParameterModel> Parameters { get; init; }

    /// <summary><c>x-s3-header-families</c>: header name prefixes whose every header the operation reads.</summary>
    public IReadOnlyList<string> HeaderFamilies { get; init; } = [];

    public bool HasBinaryBody { get; init; }
}

/// <summary>A path, query or header parameter; <c>x-s3-keep-empty</c> keeps a sent empty or blank value.</summary>
internal sealed record ParameterModel(string Name, string In, bool KeepEmpty, bool Required)
{
    public string PropertyName => OperationReader.Pascal(Name);
}

internal static class OperationReader
{
    private static readonly string[] Methods = ["get", "head", "put", "post", "delete"];

    public static IReadOnlyList<OperationModel> Read(YamlMappingNode root)
    {
        var shared = Yaml.Map(Yaml.Map(root, "components"), "parameters");
        var result = new List<OperationModel>();
        foreach (var (path, pathNode) in Yaml.Entries(Yaml.Map(root, "paths")))
        {
            foreach (var method in Methods)
            {
                if (Yaml.Map((YamlMappingNode)pathNode, method) is not { } op)
                {
                    continue;
                }

                var id = Yaml.Scalar(op, "operationId") ?? throw new InvalidOperationException($"{method} {path} has no operationId.");
                var access = Yaml.Scalar(op, "x-s3-access") switch
                {
                    "read" => "Read",
                    "write" => "Write",
                    var other => throw new InvalidOperationException($"Operation {id}: x-s3-access must be 'read' or 'write', not '{other}'."),
                };
                var checksum = Yaml.Scalar(op, "x-s3-checksum") switch
                {
                    null or "body" => "Body",
                    "object" => "Object",
                    var other => throw new InvalidOperationException($"Operation {id}: x-s3-checksum must be 'body' or 'object', not '{other}'."),
                };
                var parameters = new List<ParameterModel>();
                foreach (var p in Yaml.Sequence(op, "parameters")?.Children.Cast<YamlMappingNode>() ?? [])
                {
                    var resolved = Yaml.Scalar(p, "$ref") is { } reference ? Yaml.Map(shared, reference[(reference.LastIndexOf('/') + 1)..])
                        ?? throw new InvalidOperationException($"Operation {id}: unknown parameter {reference}.") : p;
                    parameters.Add(new ParameterModel(
                        Yaml.Scalar(resolved, "name")!, Yaml.Scalar(resolved, "in")!, Yaml.Scalar(resolved, "x-s3-keep-empty") == "true",
                        Yaml.Scalar(resolved, "required") == "true"));
                }

                var content = Yaml.Map(Yaml.Map(op, "requestBody"), "content");
                result.Add(new OperationModel
                {
                    Id = id,
                    Method = method,
                    Access = access,
                    AllowsPresigned = Yaml.Scalar(op, "x-s3-presigned") != "false",
                    RefusedBy = Yaml.Strings(Yaml.Sequence(op, "x-s3-refused-by")).ToArray(),
                    Checksum = checksum,
                    Parameters = parameters,
                    HeaderFamilies = Yaml.Strings(Yaml.Sequence(op, "x-s3-header-families")).ToArray(),
                    HasBinaryBody = Yaml.Map(content, "application/octet-stream") is not null,
                });
            }
        }

        return result;
    }

    /// <summary>"x-amz-copy-source" → XAmzCopySource, "If-None-Match" → IfNoneMatch, "partNumber" → PartNumber.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var part in name.Split(['-', '_', '*'], StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
        }

        return builder.ToString();
    }
}
