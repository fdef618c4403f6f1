using System.Globalization;
using System.Text.RegularExpressions;
using Reqnroll;
using S3Spec.Features.Drivers;
using S3Spec.Testing;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>
/// Requests dated by the Date header instead of x-amz-date: boto3 as a program makes it do so (clients/python/dated.py),
/// and requests of the suite's signer with the Date header in each form a client may write.
/// </summary>
[Binding]
public sealed partial class DateHeaderSteps(S3World world)
{
    private readonly List<string> sentDates = [];
    private readonly List<string> sentAmzDates = [];

    [When("boto3, with a Date header set before signing, puts {string} containing {string}")]
    public async Task BotoPut(string key, string text) => await RunDated("put", world.Key(key), text);

    [Then("boto3, with a Date header set before signing, gets {string} containing {string}")]
    public async Task BotoGet(string key, string text)
    {
        var result = await RunDated("get", world.Key(key));
        Assert.Contains("body: " + text, result.StandardOutput.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Then("boto3 sent its time in a Date header with a numeric zone and no x-amz-date")]
    public void BotoSentDate()
    {
        Assert.NotEmpty(sentDates);
        Assert.All(sentDates, date => Assert.Matches(Rfc2822NumericZone(), date));
        Assert.All(sentAmzDates, amzDate => Assert.Equal("-", amzDate));
    }

    [When("I list my volume with a request dated by a Date header in the {string} form")]
    public Task ListDated(string form) => ListDated(form, 0);

    [When("I list my volume with a request dated by a Date header in the {string} form, {int} minutes off")]
    public async Task ListDated(string form, int minutes)
    {
        var response = await world.Raw.SendAsync(HttpMethod.Get, "/" + world.Volume, "list-type=2&prefix=" + Uri.EscapeDataString(world.Prefix),
            clockOffset: TimeSpan.FromMinutes(minutes), dateHeader: time => Format(form, time));
        world.Outcome = response.ToOutcome();
    }

    [When("I list my volume with a request signed with x-amz-date and also a Date header {int} hours off")]
    public async Task ListWithBoth(int hours)
    {
        var date = new Dictionary<string, string> { ["date"] = Format("IMF-fixdate", DateTimeOffset.UtcNow.AddHours(hours)) };
        var response = await world.Raw.SendAsync(HttpMethod.Get, "/" + world.Volume, "list-type=2&prefix=" + Uri.EscapeDataString(world.Prefix), headers: date);
        world.Outcome = response.ToOutcome();
    }

    /// <summary>The signing time as each form writes it (names in the Examples of time.feature).</summary>
    private static string Format(string form, DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var invariant = CultureInfo.InvariantCulture;
        return form switch
        {
            "IMF-fixdate" => utc.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", invariant),
            "RFC 850" => utc.ToString("dddd, dd-MMM-yy HH:mm:ss 'GMT'", invariant),
            "asctime" => utc.ToString("ddd MMM ", invariant) + utc.Day.ToString(invariant).PadLeft(2) + utc.ToString(" HH:mm:ss yyyy", invariant),
            "RFC 2822, -0000" => utc.ToString("ddd, dd MMM yyyy HH:mm:ss '-0000'", invariant),
            "RFC 2822, +0200" => time.ToOffset(TimeSpan.FromHours(2)).ToString("ddd, d MMM yyyy HH:mm:ss '+0200'", invariant),
            "RFC 2822, EST" => time.ToOffset(TimeSpan.FromHours(-5)).ToString("ddd, dd MMM yyyy HH:mm:ss 'EST'", invariant),
            _ => throw new ArgumentException($"No Date form named '{form}'", nameof(form)),
        };
    }

    private async Task<ToolResult> RunDated(string operation, params string[] arguments)
    {
        var context = new ToolClientContext(world.Endpoint, world.Target.AccessKey, world.Target.SecretKey, world.Target.Region, null, world.Cli.WorkDirectory);
        var script = Path.Combine(RepoPaths.Root(), "tests", "S3Spec.Features", "clients", "python", "dated.py");
        var result = await ToolRunner.RunAsync(ScriptClient.Python.Executable, [script, operation, context.EndpointText, world.Volume, .. arguments],
            context.WorkDirectory, context.AwsEnvironment());
        Assert.True(result.Succeeded, result.ToString());
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("sent-date: ", StringComparison.Ordinal))
            {
                sentDates.Add(line["sent-date: ".Length..]);
            }
            else if (line.StartsWith("sent-x-amz-date: ", StringComparison.Ordinal))
            {
                sentAmzDates.Add(line["sent-x-amz-date: ".Length..]);
            }
        }

        return result;
    }

    [GeneratedRegex(@"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")]
    private static partial Regex Rfc2822NumericZone();
}
