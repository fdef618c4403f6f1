using System.Text.Json;
using S3Spec.Reliability.Harness;

namespace S3Spec.Reliability;

/// <summary>
/// The failed-authentication budget behind a proxy-like single address (every client on 127.0.0.1, as behind a load
/// balancer, an ingress or NAT): only failures spend it, a correctly signed request is never refused for what other
/// requests did, and with TrustedProxies each X-Forwarded-For client has a budget of its own.
/// </summary>
public sealed partial class LimitsTests
{
    private static readonly Dictionary<string, string> SmallBudget = new(StringComparer.Ordinal)
    {
        ["UnauthenticatedBurst"] = "5",
        ["UnauthenticatedPerSecond"] = "0.01",
    };

    [Fact]
    public async Task Requests_failing_authentication_never_cost_correctly_signed_requests_from_the_same_address()
    {
        using var box = new Sandbox();
        box.Volume("budget");
        box.Volume("other");
        var owner = Sandbox.NewCreds();
        var tenant = Sandbox.NewCreds();
        var reader = Sandbox.NewCreds();
        var keys = WriteKeys(box, (owner, "budget", false), (tenant, "other", false), (reader, "budget", true));
        await using var server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds(), keys, SmallBudget);
        var good = server.Client(owner);
        Assert.Equal(200, (await good.PutAsync("budget", "x", "data"u8.ToArray())).Status);
        var forbidden = server.Client(tenant);
        var readOnly = server.Client(reader);
        var flooders = new[] { server.Client(owner with { Secret = "not-the-secret" }), server.Client(Sandbox.NewCreds()) };

        // 1. Authorization refusals of valid keys (a volume the key may not use, a read-only key writing) are not
        //    authentication failures: they spend nothing, so the address still has its whole budget afterwards.
        var tenantFirst = await Repeat(20, _ => Answer(forbidden.GetAsync("budget", "x")));
        var readOnlyFirst = await Repeat(10, i => Answer(readOnly.PutAsync("budget", $"ro{i}", [1])));
        var anonymous = await Repeat(7, _ => Anonymous(server.Port, "/budget/x"));

        // 2. The address is exhausted now; a flood of bad signatures, unknown keys and anonymous requests keeps it so,
        //    while correctly signed requests, the tenant and the read-only key go on from the same address.
        var floodTask = Repeat(2, 100, i => i % 3 == 2 ? Anonymous(server.Port, "/budget/x") : Answer(flooders[i % 2].GetAsync("budget", "x")));
        var signedTask = Repeat(2, 60, _ => Answer(good.GetAsync("budget", "x")));
        var tenantTask = Repeat(1, 60, _ => Answer(forbidden.GetAsync("budget", "x")));
        var readOnlyTask = Repeat(1, 30, i => Answer(readOnly.PutAsync("budget", $"ro-during{i}", [1])));
        await Task.WhenAll(floodTask, signedTask, tenantTask, readOnlyTask);
        var (flood, signed, tenantDuring, readOnlyDuring) = (await floodTask, await signedTask, await tenantTask, await readOnlyTask);

        output.WriteLine($"before the flood: tenant {Count(tenantFirst)}; read-only writes {Count(readOnlyFirst)}; anonymous {Count(anonymous)}");
        output.WriteLine($"during the flood: signed GETs {Count(signed)}; tenant {Count(tenantDuring)}; read-only writes {Count(readOnlyDuring)}; flood {Count(flood)}");
        Assert.All(tenantFirst.Concat(tenantDuring), r => Assert.Equal("403 AccessDenied", r));
        Assert.All(readOnlyFirst.Concat(readOnlyDuring), r => Assert.Equal("403 AccessDenied", r));
        Assert.Equal(Enumerable.Repeat("403 AccessDenied", 5).Concat(Enumerable.Repeat("503 SlowDown", 2)), anonymous);
        Assert.All(signed, r => Assert.Equal("200 ", r));
        Assert.True(flood.Count(r => r == "503 SlowDown") >= flood.Count - 1, Count(flood));
        Assert.Equal("data", (await good.GetAsync("budget", "x")).Text);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_failure_budget()
    {
        using var box = new Sandbox();
        box.Volume("budget");
        var admin = Sandbox.NewCreds();
        await using var server = await TestServer.StartAsync(box.Data, admin, null,
            new Dictionary<string, string>(SmallBudget, StringComparer.Ordinal) { ["TrustedProxies"] = "127.0.0.1" });
        var good = server.Client(admin);
        Assert.Equal(200, (await good.PutAsync("budget", "x", "data"u8.ToArray())).Status);

        // Client A (as the proxy forwards it) spends its budget; client B behind the same proxy keeps its own.
        var a = await Repeat(8, _ => Anonymous(server.Port, "/budget/x", Forwarded("198.51.100.1")));
        var b = await Repeat(5, _ => Anonymous(server.Port, "/budget/x", Forwarded("198.51.100.2")));

        // Entries left of the proxy's own are the client's to write: a spoofed chain is still counted for A.
        var spoofed = await Anonymous(server.Port, "/budget/x", Forwarded("203.0.113.9, 198.51.100.1"));

        // A correctly signed request of the exhausted client A is served; the proxy's own requests were never limited.
        var signedA = await Signed(good, "/budget/x", Forwarded("198.51.100.1"));
        var direct = await Anonymous(server.Port, "/budget/x");

        output.WriteLine($"client A {Count(a)}; client B {Count(b)}; spoofed chain {spoofed}; signed as A {signedA}; proxy itself {direct}");
        Assert.Equal(Enumerable.Repeat("403 AccessDenied", 5).Concat(Enumerable.Repeat("503 SlowDown", 3)), a);
        Assert.All(b, r => Assert.Equal("403 AccessDenied", r));
        Assert.Equal("503 SlowDown", spoofed);
        Assert.Equal("200 ", signedA);
        Assert.Equal("403 AccessDenied", direct);
    }

    [Fact]
    public async Task An_X_Forwarded_For_from_an_untrusted_sender_is_ignored()
    {
        using var box = new Sandbox();
        box.Volume("budget");
        await using var server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds(), null,
            new Dictionary<string, string>(SmallBudget, StringComparer.Ordinal) { ["TrustedProxies"] = "192.0.2.0/24, 192.0.2.200" });

        // 127.0.0.1 is not a trusted proxy: every request counts for 127.0.0.1 whatever X-Forwarded-For says.
        var answers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await Anonymous(server.Port, "/budget/x", Forwarded($"198.51.100.{i + 1}")));
        }

        output.WriteLine($"8 clients named by an untrusted X-Forwarded-For: {Count(answers)}");
        Assert.Equal(Enumerable.Repeat("403 AccessDenied", 5).Concat(Enumerable.Repeat("503 SlowDown", 3)), answers);
    }

    private static List<KeyValuePair<string, string>> Forwarded(string chain) => [new("X-Forwarded-For", chain)];

    private static async Task<string> Anonymous(int port, string target, List<KeyValuePair<string, string>>? extra = null)
    {
        List<KeyValuePair<string, string>> headers = [new("Host", $"127.0.0.1:{port}"), .. extra ?? []];
        return (await RawHttp.SendAsync(port, "GET", target, headers, null)).ToString();
    }

    /// <summary>Signed by the client, then given X-Forwarded-For as a proxy adds it: after signing, so not signed.</summary>
    private static async Task<string> Signed(S3 client, string target, List<KeyValuePair<string, string>> forwarded)
    {
        var headers = client.Prepare("GET", target, null, null);
        headers.AddRange(forwarded);
        return (await RawHttp.SendAsync(client.Port, "GET", target, headers, null)).ToString();
    }

    private static async Task<List<string>> Repeat(int count, Func<int, Task<string>> send)
    {
        var answers = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            answers.Add(await send(i));
        }

        return answers;
    }

    /// <summary><paramref name="tasks"/> concurrent loops of <paramref name="count"/> requests each; every answer.</summary>
    private static async Task<List<string>> Repeat(int tasks, int count, Func<int, Task<string>> send)
    {
        var loops = await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(() => Repeat(count, i => send((t * count) + i)))));
        return loops.SelectMany(l => l).ToList();
    }

    private static async Task<string> Answer(Task<RawResponse> response) => (await response).ToString();

    private static string Count(IEnumerable<string> answers) =>
        string.Join(", ", answers.GroupBy(a => a).Select(g => $"{g.Count()} × {g.Key.TrimEnd()}"));

    private static string WriteKeys(Sandbox box, params (Creds Creds, string Volume, bool ReadOnly)[] keys)
    {
        var path = Path.Combine(box.Root, "keys.json");
        var doc = new
        {
            keys = keys.Select(k => new { accessKeyId = k.Creds.AccessKey, secretKey = k.Creds.Secret, volumes = new[] { k.Volume }, readOnly = k.ReadOnly }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(doc));
        return path;
    }
}
