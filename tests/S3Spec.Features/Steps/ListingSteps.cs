using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>ListObjects v1/v2. Prefixes, markers and keys are relative to the scenario's own prefix.</summary>
[Binding]
public sealed class ListingSteps(S3World world)
{
    private List<string> keys = [];
    private List<string> prefixes = [];
    private bool truncated;
    private string? nextMarker;
    private readonly List<List<string>> pages = [];
    private readonly List<string> tokens = [];
    private List<string> rawItems = [];
    private Dictionary<string, string?> echoes = [];

    [Given("the volume holds {int} objects named {string}")]
    public async Task ManyObjects(int count, string format)
    {
        for (var i = 0; i < count; i++)
        {
            var key = string.Format(CultureInfo.InvariantCulture, format, i);
            Assert.True((await world.Objects.PutAsync(key, key)).Succeeded, $"PUT {key}: {world.Outcome}");
        }
    }

    [When("I list with ListObjectsV2")]
    public Task ListV2() => ListV2With(new DataTable("parameter", "value"));

    [When("I list with ListObjectsV2 using:")]
    public async Task ListV2With(DataTable parameters)
    {
        var p = parameters.Rows.ToDictionary(r => r["parameter"], r => r["value"]);
        var request = new ListObjectsV2Request
        {
            BucketName = world.Volume,
            Prefix = world.Prefix + p.GetValueOrDefault("prefix", ""),
            Delimiter = p.GetValueOrDefault("delimiter"),
            StartAfter = p.TryGetValue("start-after", out var after) ? world.Key(after) : null,
            MaxKeys = p.TryGetValue("max-keys", out var max) ? int.Parse(max, CultureInfo.InvariantCulture) : null,
            Encoding = p.TryGetValue("encoding-type", out var encoding) ? EncodingType.FindValue(encoding) : null,
        };
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.ListObjectsV2Async(request));
        var response = world.LastOutcome.As<ListObjectsV2Response>();
        if (request.Encoding is not null)
        {
            // The SDK hands url-encoded keys over as they came; decode them as botocore does (unquote_plus).
            Assert.Equal(request.Encoding, response.Encoding);
            foreach (var item in response.S3Objects ?? [])
            {
                item.Key = WebUtility.UrlDecode(item.Key);
            }

            response.CommonPrefixes = response.CommonPrefixes?.Select(WebUtility.UrlDecode).ToList()!;
        }

        Capture(response.S3Objects, response.CommonPrefixes, response.IsTruncated == true, null);
    }

    [When("I list with ListObjects using:")]
    public async Task ListV1With(DataTable parameters)
    {
        var p = parameters.Rows.ToDictionary(r => r["parameter"], r => r["value"]);
        var request = new ListObjectsRequest
        {
            BucketName = world.Volume,
            Prefix = world.Prefix + p.GetValueOrDefault("prefix", ""),
            Delimiter = p.GetValueOrDefault("delimiter"),
            Marker = p.TryGetValue("marker", out var marker) ? world.Key(marker) : null,
            MaxKeys = p.TryGetValue("max-keys", out var max) ? int.Parse(max, CultureInfo.InvariantCulture) : null,
        };
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.ListObjectsAsync(request));
        var response = world.LastOutcome.As<ListObjectsResponse>();
        Capture(response.S3Objects, response.CommonPrefixes, response.IsTruncated == true, response.NextMarker);
    }

    [When("I list the volume root with {word} using:")]
    [When("I list the volume root with {word} using the exact values:")]
    public async Task ListRoot(string operation, DataTable parameters)
    {
        // Values are taken as written (not below the scenario's prefix); \s, \t, \r, \n and \xNN stand for
        // a space, tab, CR, LF and any character (Gherkin trims cells and reads \n itself).
        var p = parameters.Rows.Where(r => r["value"].Length > 0 || r["parameter"] == "continuation-token")
            .ToDictionary(r => r["parameter"], r => Exact(r["value"]));
        var encoding = p.TryGetValue("encoding-type", out var e) ? EncodingType.FindValue(e) : null;
        if (operation == "ListObjectsV2")
        {
            world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = world.Volume,
                Prefix = p.GetValueOrDefault("prefix"),
                Delimiter = p.GetValueOrDefault("delimiter"),
                StartAfter = p.GetValueOrDefault("start-after"),
                ContinuationToken = p.GetValueOrDefault("continuation-token"),
                Encoding = encoding,
            }));
            if (world.LastOutcome.Succeeded)
            {
                var r = world.LastOutcome.As<ListObjectsV2Response>();
                echoes = new() { ["Prefix"] = r.Prefix, ["Delimiter"] = r.Delimiter, ["StartAfter"] = r.StartAfter, ["ContinuationToken"] = r.ContinuationToken };
                rawItems = [.. (r.S3Objects ?? []).Select(o => o.Key), .. r.CommonPrefixes ?? []];
            }
        }
        else
        {
            Assert.Equal("ListObjects", operation);
            world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.ListObjectsAsync(new ListObjectsRequest
            {
                BucketName = world.Volume,
                Prefix = p.GetValueOrDefault("prefix"),
                Delimiter = p.GetValueOrDefault("delimiter"),
                Marker = p.GetValueOrDefault("marker"),
                Encoding = encoding,
            }));
            if (world.LastOutcome.Succeeded)
            {
                var r = world.LastOutcome.As<ListObjectsResponse>();
                echoes = new() { ["Prefix"] = r.Prefix, ["Delimiter"] = r.Delimiter, ["Marker"] = r.Marker };
                rawItems = [.. (r.S3Objects ?? []).Select(o => o.Key), .. r.CommonPrefixes ?? []];
            }
        }
    }

    [Given("a file named {string} is written on the volume's disk")]
    public void FileNamed(string name) => world.Disk.WriteFile(Exact(name), "x");

    [Then("nothing is listed")]
    public void NothingListed()
    {
        Assert.True(world.LastOutcome.Succeeded, world.Outcome?.ToString());
        Assert.Empty(rawItems);
    }

    [Then("no listed key or common prefix lies in the staging folder")]
    public void NoStaging()
    {
        Assert.True(world.LastOutcome.Succeeded, world.Outcome?.ToString());
        Assert.DoesNotContain(rawItems, k => k.Contains(".s3compat_uploads", StringComparison.OrdinalIgnoreCase));
    }

    [Then("the listed keys from the volume root are:")]
    public void RootKeysAre(DataTable expected) => Assert.Equal(expected.Rows.Select(r => Exact(r["key"])).ToList(), rawItems);

    [Then("the listing echoes exactly:")]
    public void EchoesExactly(DataTable expected)
    {
        Assert.True(world.LastOutcome.Succeeded, world.Outcome?.ToString());
        foreach (var row in expected.Rows)
        {
            Assert.True(echoes.TryGetValue(row["element"], out var actual), "No element " + row["element"]);
            Assert.Equal(Exact(row["value"]), actual);
        }
    }

    private static string Exact(string written) =>
        System.Text.RegularExpressions.Regex.Replace(written, @"\\(s|t|r|n|x[0-9A-Fa-f]{2})", m => m.Groups[1].Value switch
        {
            "s" => " ",
            "t" => "\t",
            "r" => "\r",
            "n" => "\n",
            var x => ((char)Convert.ToInt32(x[1..], 16)).ToString(),
        });

    [When("I page through ListObjectsV2 under {string} with max-keys {int}")]
    public async Task PageThrough(string prefix, int maxKeys)
    {
        var request = new ListObjectsV2Request { BucketName = world.Volume, Prefix = world.Key(prefix), MaxKeys = maxKeys };
        for (var guard = 0; guard < 100; guard++)
        {
            world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.ListObjectsV2Async(request));
            var page = world.LastOutcome.As<ListObjectsV2Response>();
            pages.Add((page.S3Objects ?? []).Select(o => world.Unkey(o.Key)).ToList());
            if (page.IsTruncated != true)
            {
                return;
            }

            Assert.False(string.IsNullOrEmpty(page.NextContinuationToken), "A truncated page carried no continuation token");
            tokens.Add(page.NextContinuationToken);
            request.ContinuationToken = page.NextContinuationToken;
        }

        Assert.Fail("The listing did not end within 100 pages");
    }

    [Then("{int} pages were returned")]
    public void PageCount(int expected) => Assert.Equal(expected, pages.Count);

    [Then("the pages together list {int} keys, each once, in order")]
    public void AllKeysOnce(int expected)
    {
        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal(expected, all.Count);
        Assert.Equal(all.Distinct(StringComparer.Ordinal).Count(), all.Count);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
    }

    [Then("no continuation token was repeated")]
    public void TokensUnique() => Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());

    [Then("the listed keys are:")]
    public void KeysAre(DataTable expected) => Assert.Equal(expected.Rows.Select(r => r["key"]).ToList(), keys);

    [Then("the common prefixes are:")]
    public void PrefixesAre(DataTable expected) => Assert.Equal(expected.Rows.Select(r => r["prefix"]).ToList(), prefixes);

    [Then("the listing is truncated")]
    public void Truncated() => Assert.True(truncated, "The listing is not truncated");

    [Then("the listing is not truncated")]
    public void NotTruncated() => Assert.False(truncated, "The listing is truncated");

    [Then("the next marker is {string}")]
    public void NextMarker(string expected) => Assert.Equal(expected, nextMarker is null ? null : world.Unkey(nextMarker));

    [Then("listing the volume shows exactly the keys {string}")]
    public async Task ListingShows(string key) => Assert.Equal([key], await ListAllAsync());

    [Then("listing the volume shows no keys")]
    public async Task ListingEmpty() => Assert.Empty(await ListAllAsync());

    private void Capture(List<S3Object>? objects, List<string>? commonPrefixes, bool isTruncated, string? marker)
    {
        keys = (objects ?? []).Select(o => world.Unkey(o.Key)).ToList();
        prefixes = (commonPrefixes ?? []).Select(world.Unkey).ToList();
        truncated = isTruncated;
        nextMarker = marker;
    }

    private async Task<List<string>> ListAllAsync()
    {
        var all = new List<string>();
        var request = new ListObjectsV2Request { BucketName = world.Volume, Prefix = world.Prefix };
        ListObjectsV2Response page;
        do
        {
            page = (await SdkDriver.CallAsync(() => world.Sdk.Client.ListObjectsV2Async(request))).As<ListObjectsV2Response>();
            all.AddRange((page.S3Objects ?? []).Select(o => world.Unkey(o.Key)));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
        return all;
    }
}
