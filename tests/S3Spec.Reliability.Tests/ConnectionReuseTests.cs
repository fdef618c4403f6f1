using System.Text;
using S3Spec.Reliability.Harness;

namespace S3Spec.Reliability;

public sealed class ConnectionWorld() : ServerWorld(["conn"])
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var put = await Server.Client().PutAsync("conn", "existing.txt", Encoding.UTF8.GetBytes("existing"));
        Assert.Equal(200, put.Status);
    }
}

/// <summary>
/// A connection after an answer that came before the request body (issue: boto3's next call failed with a bare 400
/// after one refused upload). Whatever the client does with the body it was not asked for, the next request on
/// that connection is answered as itself, or the refused answer said Connection: close and the server closed it.
/// </summary>
public sealed class ConnectionReuseTests(ConnectionWorld world) : IClassFixture<ConnectionWorld>
{
    public enum Refusal
    {
        PreconditionFailed,
        NoSuchBucket,
        WrongSecret,
        ControlByteInMetadata,
        NotImplemented,
    }

    public enum ClientBehaviour
    {
        /// <summary>Waits for 100 Continue, gets the final answer, never sends the body (botocore).</summary>
        WaitsAndSkipsTheBody,

        /// <summary>Gets the final answer, then sends the body anyway (RFC 9110 allows it).</summary>
        SendsTheBodyAnyway,

        /// <summary>Sends head, body and the next request at once, without waiting.</summary>
        Pipelines,
    }

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(new string('b', 5)); // small: the next request must not be taken for it

    public static TheoryData<Refusal, ClientBehaviour> Cases()
    {
        var data = new TheoryData<Refusal, ClientBehaviour>();
        foreach (var refusal in Enum.GetValues<Refusal>())
        {
            foreach (var behaviour in Enum.GetValues<ClientBehaviour>())
            {
                data.Add(refusal, behaviour);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_next_request_after_an_early_refusal_of_an_Expect_100_continue_upload_is_answered(Refusal refusal, ClientBehaviour behaviour)
    {
        var s3 = world.Server.Client();
        var refused = Refused(s3, refusal);
        var next = KeepAliveConnection.Signed(s3, "GET", S3.Target("conn", "existing.txt"));
        await using var connection = await KeepAliveConnection.OpenAsync(s3.Port);

        if (behaviour == ClientBehaviour.Pipelines)
        {
            await connection.WriteAsync(refused, Body, next);
        }
        else
        {
            await connection.WriteAsync(refused);
        }

        var first = await connection.ReadAsync("PUT");
        Assert.True(first.Status >= 400, $"expected a refusal, got {first.Status}");
        Assert.NotNull(first.ErrorCode);

        if (behaviour == ClientBehaviour.SendsTheBodyAnyway)
        {
            await TryWriteAsync(connection, Body);
        }

        var closing = string.Equals(first.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase);
        if (closing)
        {
            Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(10)), "Connection: close was answered, but the connection stayed open");
            await using var fresh = await KeepAliveConnection.OpenAsync(s3.Port);
            await fresh.WriteAsync(next);
            AssertExisting(await fresh.ReadAsync("GET"));
            return;
        }

        if (behaviour != ClientBehaviour.Pipelines)
        {
            await connection.WriteAsync(next);
        }

        AssertExisting(await connection.ReadAsync("GET"));
    }

    [Fact]
    public async Task Without_Expect_a_refused_upload_keeps_the_connection_usable()
    {
        var s3 = world.Server.Client();
        await using var connection = await KeepAliveConnection.OpenAsync(s3.Port);
        var body = new byte[256 * 1024];
        var head = KeepAliveConnection.Signed(s3, "PUT", S3.Target("conn", "existing.txt"), body, [new("If-None-Match", "*")]);
        await connection.WriteAsync(head, body, KeepAliveConnection.Signed(s3, "GET", S3.Target("conn", "existing.txt")));

        var first = await connection.ReadAsync("PUT");
        Assert.Equal(412, first.Status);
        Assert.Equal("PreconditionFailed", first.ErrorCode);
        AssertExisting(await connection.ReadAsync("GET"));
    }

    [Fact]
    public async Task An_accepted_Expect_100_continue_upload_gets_100_Continue_and_keeps_the_connection()
    {
        var s3 = world.Server.Client();
        await using var connection = await KeepAliveConnection.OpenAsync(s3.Port);
        var body = Encoding.UTF8.GetBytes("accepted after 100");
        await connection.WriteAsync(KeepAliveConnection.Signed(s3, "PUT", S3.Target("conn", "continued.txt"), body, [new("Expect", "100-continue")]));
        Assert.Equal(100, (await connection.ReadAsync("PUT", interim: true)).Status);
        await connection.WriteAsync(body);
        var put = await connection.ReadAsync("PUT");
        Assert.Equal(200, put.Status);
        Assert.NotEqual("close", put.Header("Connection"));

        await connection.WriteAsync(KeepAliveConnection.Signed(s3, "GET", S3.Target("conn", "continued.txt")));
        var get = await connection.ReadAsync("GET");
        Assert.Equal(200, get.Status);
        Assert.Equal("accepted after 100", get.Text);
    }

    private byte[] Refused(S3 s3, Refusal refusal)
    {
        List<KeyValuePair<string, string>> expect = [new("Expect", "100-continue")];
        return refusal switch
        {
            Refusal.PreconditionFailed => KeepAliveConnection.Signed(s3, "PUT", S3.Target("conn", "existing.txt"), Body, [.. expect, new("If-None-Match", "*")]),
            Refusal.NoSuchBucket => KeepAliveConnection.Signed(s3, "PUT", S3.Target("no-such-volume", "k.txt"), Body, expect),
            Refusal.WrongSecret => KeepAliveConnection.Signed(new S3(s3.Port, s3.Creds with { Secret = "wrong" }), "PUT", S3.Target("conn", "k.txt"), Body, expect),
            Refusal.ControlByteInMetadata => KeepAliveConnection.Signed(s3, "PUT", S3.Target("conn", "k.txt"), Body, [.. expect, new("x-amz-meta-bad", "a\u0001b")]),
            Refusal.NotImplemented => KeepAliveConnection.Signed(s3, "PUT", S3.Target("conn", "k.txt", "torrent"), Body, expect),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
        };
    }

    private static async Task TryWriteAsync(KeepAliveConnection connection, byte[] bytes)
    {
        try
        {
            await connection.WriteAsync(bytes);
        }
        catch (IOException)
        {
            // The server may already have closed the connection it announced as closing.
        }
    }

    private static void AssertExisting(RawResponse response)
    {
        Assert.True(response.Status == 200, $"the next request got {response.Status} {response.ErrorCode}: {response.Text}");
        Assert.Equal("existing", response.Text);
    }
}
