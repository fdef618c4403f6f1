using System.IO.Hashing;
using System.IO.Pipelines;
using System.Text;
using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;
using S3Spec.Auth.Signing;
using S3Spec.Auth;
using S3Spec.Core.Errors;
using S3Spec.Reliability.Harness;
using S3Spec.Server.Api;
using S3Spec.Server.Handlers;
using S3Spec.Server.Routing;
using S3Spec.Server.Xml;
using S3Spec.Storage.Contract;
using Xunit.Abstractions;

namespace S3Spec.Reliability;

/// <summary>Hostile input to every parser: each outcome is a value or an S3Exception, never another exception or a hang.</summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static readonly Creds Key = new("AKFUZZ", "fuzz-secret", "eu-ro-1");

    private sealed class OneKey : IKeyStore
    {
        public AccessKey? Find(string accessKeyId) =>
            accessKeyId == Key.AccessKey ? new AccessKey(Key.AccessKey, Key.Secret, ["*"], false, false) : null;
    }

    private static SigV4Authenticator Authenticator() => new(new OneKey(), new AuthOptions { Region = "eu-ro-1" }, TimeProvider.System);

    [Fact]
    public async Task Aws_chunked_decoder_survives_mutated_bodies()
    {
        var rng = new Random(1);
        var data = new byte[3000];
        rng.NextBytes(data);
        var time = DateTimeOffset.UtcNow;

        // Signed: the request is authenticated once; every mutated body is decoded with its context.
        var headers = new List<KeyValuePair<string, string>> { new("x-amz-decoded-content-length", data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("content-encoding", "aws-chunked") };
        var seed = TestSigner.SignHeaders("PUT", "/b/k", headers, TestSigner.StreamingPayload, Key, time, "h");
        var signed = Authenticator().Authenticate(Request("/b/k", headers));
        var signedBody = ChunkedBodyBuilder.Signed(data, 1024, seed, Key, time);

        // Unsigned with a CRC32 trailer.
        var crc = Convert.ToBase64String(Crc32.Hash(data).Reverse().ToArray());
        var unsignedBody = Encoding.ASCII.GetBytes($"400\r\n").Concat(data[..1024]).Concat("\r\n"u8.ToArray())
            .Concat(Encoding.ASCII.GetBytes($"7b8\r\n")).Concat(data[1024..]).Concat(Encoding.ASCII.GetBytes($"\r\n0\r\nx-amz-checksum-crc32:{crc}\r\n\r\n")).ToArray();
        var uheaders = new List<KeyValuePair<string, string>> { new("x-amz-decoded-content-length", data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("x-amz-trailer", "x-amz-checksum-crc32") };
        TestSigner.SignHeaders("PUT", "/b/k", uheaders, TestSigner.StreamingUnsignedTrailer, Key, time, "h");
        var unsigned = Authenticator().Authenticate(Request("/b/k", uheaders));

        // Both seeds decode to the data (so the fuzzer starts from valid bodies).
        Assert.Equal(data, await Decode(signed, signedBody, 7));
        Assert.Equal(data, await Decode(unsigned, unsignedBody, 7));

        var result = await Fuzzer.RunAsync("aws-chunked", [signedBody, unsignedBody], async input =>
        {
            var ctx = input.Length % 2 == 0 ? signed : unsigned;
            await Decode(ctx, input, input.Length % 13 + 1);
        }, seed: 11);
        Report(result);
    }

    [Fact]
    public async Task SigV4_parser_survives_mutated_authorization_headers_and_queries()
    {
        var auth = Authenticator();
        var headerCorpus = Fuzzer.Lines("authorization.txt").ToList();
        var good = new List<KeyValuePair<string, string>>();
        TestSigner.SignHeaders("GET", "/b/k?x=1", good, TestSigner.EmptySha256, Key, DateTimeOffset.UtcNow, "h");
        headerCorpus.Add(Encoding.UTF8.GetBytes(good.First(h => h.Key == "Authorization").Value));
        var queries = Fuzzer.Lines("presigned-query.txt").ToList();
        queries.Add(Encoding.UTF8.GetBytes(S3Uri.Split(TestSigner.Presign("GET", "/b/k", "", Key, DateTimeOffset.UtcNow, 60, "h")).Query));

        var header = await Fuzzer.RunAsync("authorization", headerCorpus, input =>
        {
            var h = good.Where(x => x.Key != "Authorization").ToList();
            h.Add(new("Authorization", Encoding.UTF8.GetString(input)));
            auth.Authenticate(Request("/b/k?x=1", h));
            return Task.CompletedTask;
        }, seed: 12);
        var query = await Fuzzer.RunAsync("presigned query", queries, input =>
        {
            auth.Authenticate(Request("/b/k?" + Encoding.UTF8.GetString(input), [new("host", "h")]));
            return Task.CompletedTask;
        }, seed: 13);
        Report(header);
        Report(query);
    }

    [Fact]
    public async Task Range_and_conditional_headers_survive_hostile_values()
    {
        var ranges = await Fuzzer.RunAsync("Range", Fuzzer.Lines("ranges.txt"), input =>
        {
            var size = input.Length % 3 == 0 ? 0 : input.Length * 1000L;
            if (ByteRange.Parse(Encoding.UTF8.GetString(input), size) is { } r && (r.Offset < 0 || r.Length <= 0 || r.Offset + r.Length > size))
            {
                throw new InvalidOperationException($"range {r} outside an object of {size} bytes");
            }

            return Task.CompletedTask;
        }, seed: 14);
        var conditions = await Fuzzer.RunAsync("conditions", Fuzzer.Lines("conditions.txt"), input =>
        {
            var s = Encoding.UTF8.GetString(input);
            Preconditions.Evaluate("\"abc\"", DateTimeOffset.UtcNow, s, s, s, s, isRead: input.Length % 2 == 0);
            Preconditions.Evaluate("\"abc\"", DateTimeOffset.MinValue, null, s, null, s, isRead: true);
            return Task.CompletedTask;
        }, seed: 15);
        Report(ranges);
        Report(conditions);
    }

    [Fact]
    public async Task Xml_bodies_survive_mutation_and_never_resolve_entities()
    {
        var serializer = new S3XmlSerializer(S3XmlContract.Load());
        var corpus = new[] { "complete.xml", "delete.xml", "xxe.xml", "xml-decl-bad-encoding.xml" }.Select(f => File.ReadAllBytes(Fuzzer.CorpusPath(f))).ToList();
        var xxe = await Assert.ThrowsAsync<S3Exception>(() => serializer.ReadAsync(typeof(CompleteMultipartUpload), new MemoryStream(corpus[2])));
        Assert.Equal("MalformedXML", xxe.Error.Code);
        var result = await Fuzzer.RunAsync("xml", corpus, async input =>
        {
            var dto = await serializer.ReadAsync(input.Length % 2 == 0 ? typeof(CompleteMultipartUpload) : typeof(Delete), new MemoryStream(input));
            if (dto is CompleteMultipartUpload c && (c.Parts?.Any(p => p.ETag?.Contains("root:", StringComparison.Ordinal) == true) ?? false))
            {
                throw new InvalidOperationException("an external entity was resolved");
            }
        }, seed: 16);
        Report(result);
    }

    [Fact]
    public async Task Key_decoding_and_validation_survive_hostile_keys()
    {
        var result = await Fuzzer.RunAsync("keys", Fuzzer.Lines("keys.txt"), input =>
        {
            var raw = Encoding.Latin1.GetString(input);
            var key = S3TargetParser.Decode(raw);
            ObjectKey.Validate(key);
            var segments = key.Split('/');
            if (segments.Any(s => s is ".." or ".") || key.Contains('\0', StringComparison.Ordinal) || key.StartsWith('/'))
            {
                throw new InvalidOperationException($"validated a hostile key: {key}");
            }

            S3TargetParser.Parse("/bucket/" + raw);
            return Task.CompletedTask;
        }, seed: 17);
        Report(result);
    }

    private void Report(Fuzzer.Result result)
    {
        output.WriteLine($"{result.Cases} cases, {result.Crashes.Count} crashes/hangs");
        Assert.True(result.Crashes.Count == 0, string.Join("\n\n", result.Crashes));
        Assert.True(result.Cases > 100, $"only {result.Cases} cases ran");
    }

    private static SigV4Request Request(string target, List<KeyValuePair<string, string>> headers)
    {
        var (path, query) = S3Uri.Split(target);
        var dict = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in headers)
        {
            dict[k] = dict.TryGetValue(k, out var prior) ? prior + "," + v : v;
        }

        return new SigV4Request { Method = "PUT", RawPath = path, RawQuery = query, Headers = dict };
    }

    private static async Task<byte[]> Decode(AuthContext ctx, byte[] body, int readSize)
    {
        var reader = PipeReader.Create(new MemoryStream(body), new StreamPipeReaderOptions(bufferSize: 97));
        await using var stream = ctx.OpenBody(reader, body.Length);
        using var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }
}
