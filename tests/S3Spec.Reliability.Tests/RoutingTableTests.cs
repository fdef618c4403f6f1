using System.Reflection;
using S3Spec.Core.Errors;
using S3Spec.Reliability.Harness;
using S3Spec.Server.Routing;

namespace S3Spec.Reliability;

public sealed class RoutingTableWorld : IAsyncLifetime
{
    public const string Volume = "vol1";

    internal Sandbox Box { get; } = new();

    internal TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var vol = Box.Volume(Volume);
        File.WriteAllText(Path.Combine(vol, "key"), "content");
        Directory.CreateDirectory(Path.Combine(vol, "dir"));
        File.WriteAllText(Path.Combine(vol, "dir", "f"), "content");
        Server = await TestServer.StartAsync(Box.Data, Sandbox.NewCreds());
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Box.Dispose();
    }
}

/// <summary>
/// Every request shape the router can meet answers an S3 error or a success, never 500: each path shape × method ×
/// sub-resource (every query parameter an operation of spec/s3.yaml declares, every S3 sub-resource parameter, and
/// the copy-source header), against a real server. Error answers (not HEAD) carry an S3 error body with a code of
/// the S3Errors table.
/// </summary>
public sealed class RoutingTableTests(RoutingTableWorld world) : IClassFixture<RoutingTableWorld>
{
    private static readonly string[] Shapes = ["/", "/vol1", "/vol1/", "/vol1/key", "/vol1/dir/", "/nosuchvol", "/nosuchvol/key"];

    private static readonly string[] Methods = ["GET", "HEAD", "PUT", "POST", "DELETE"];

    /// <summary>Values for parameters whose absence of a value is not the interesting case.</summary>
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["partNumber"] = "1",
        ["uploadId"] = "0000019a0000000000000000deadbeef",
        ["versionId"] = "null",
        ["list-type"] = "2",
        ["max-keys"] = "1",
        ["max-uploads"] = "1",
        ["max-parts"] = "1",
        ["part-number-marker"] = "1",
        ["fetch-owner"] = "true",
        ["encoding-type"] = "url",
        ["x-id"] = "GetObject",
        ["select-type"] = "2",
        ["response-content-type"] = "text/plain",
    };

    private static readonly HashSet<string> ErrorCodes = [.. typeof(S3Errors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(S3Error))
        .Select(f => ((S3Error)f.GetValue(null)!).Code)];

    /// <summary>The sub-resource column: none, each parameter alone, the declared combinations, and the copy-source header.</summary>
    public static IEnumerable<string> SubResources()
    {
        var names = new SortedSet<string>(S3OperationAttribute.SubResources, StringComparer.Ordinal);
        foreach (var p in typeof(Server.Api.ServiceControllerBase).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Server.Api.ServiceControllerBase).Namespace)
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttribute<S3OperationAttribute>()?.DeclaredQuery ?? []))
        {
            names.Add(p);
        }

        names.Add("x-id");
        yield return "";
        foreach (var name in names)
        {
            yield return name + (Values.TryGetValue(name, out var v) ? "=" + v : "");
        }

        yield return "partNumber=1&uploadId=" + Values["uploadId"];
        yield return "uploads&uploadId=" + Values["uploadId"];
        yield return "list-type=2&uploads";
        yield return "list-type=1";
        yield return "list-type=";
        yield return "partNumber=";
        yield return "versionId=";
        yield return "#x-amz-copy-source";
        yield return "partNumber=1&uploadId=" + Values["uploadId"] + "#x-amz-copy-source";
    }

    public static IEnumerable<object[]> Table() =>
        from shape in Shapes
        from method in Methods
        from sub in SubResources()
        select new object[] { method, shape, sub };

    [Fact]
    public void The_table_covers_the_spec_and_the_common_sub_resources()
    {
        var subs = SubResources().ToList();
        foreach (var name in new[] { "acl", "tagging", "versioning", "policy", "cors", "lifecycle", "uploads", "uploadId=", "partNumber=1", "delete", "location", "list-type=2", "versionId=", "restore", "select", "torrent", "attributes", "prefix", "continuation-token", "response-content-type=" })
        {
            Assert.Contains(subs, s => s == name || s.StartsWith(name, StringComparison.Ordinal));
        }

        Assert.True(Table().Count() >= Shapes.Length * Methods.Length * 60);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Every_shape_method_and_sub_resource_answers_an_S3_error_or_a_success(string method, string shape, string subResource)
    {
        var hash = subResource.IndexOf('#', StringComparison.Ordinal);
        var query = hash < 0 ? subResource : subResource[..hash];
        var headers = new List<KeyValuePair<string, string>>();
        if (hash >= 0)
        {
            headers.Add(new(subResource[(hash + 1)..], "/vol1/key"));
        }

        var target = shape + (query.Length > 0 ? "?" + query : "");
        byte[]? body = method is "PUT" or "POST" ? [] : null;
        var r = await world.Server.Client().SendAsync(method, target, body, headers);
        var what = $"{method} {target}{(hash >= 0 ? " with " + subResource[(hash + 1)..] : "")}: {r.Status} {r.Text}";
        Assert.True(r.Status is >= 200 and < 500 or 501 or 503 or 507, what);
        if (r.Status >= 300 && method != "HEAD")
        {
            Assert.Contains("<Error>", r.Text, StringComparison.Ordinal);
            Assert.True(r.ErrorCode is { } code && ErrorCodes.Contains(code), what);
        }

        Assert.DoesNotContain("Exception", r.Text, StringComparison.Ordinal);
    }
}
