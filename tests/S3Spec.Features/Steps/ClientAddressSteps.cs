using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>
/// Anonymous requests (no signature: they always fail authentication), optionally as a proxy forwards them
/// (X-Forwarded-For), and the sequence of their answers.
/// </summary>
[Binding]
public sealed class ClientAddressSteps(S3World world)
{
    private readonly List<string> answers = [];

    [When("I send {int} anonymous request(s)")]
    public Task SendAnonymous(int count) => Send(count, null);

    [When("I send {int} anonymous request(s) forwarded for {string}")]
    public Task SendForwarded(int count, string client) => Send(count, client);

    /// <summary>Run lengths of the answers so far, in order, e.g. "3 × 403 AccessDenied, 2 × 503 SlowDown".</summary>
    [Then("the answers were {string}")]
    public void AnswersWere(string expected)
    {
        var runs = new List<(string Answer, int Count)>();
        foreach (var answer in answers)
        {
            if (runs.Count > 0 && runs[^1].Answer == answer)
            {
                runs[^1] = (answer, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((answer, 1));
            }
        }

        Assert.Equal(expected, string.Join(", ", runs.Select(r => $"{r.Count} × {r.Answer}")));
        answers.Clear();
    }

    private async Task Send(int count, string? forwardedFor)
    {
        var url = world.Endpoint.GetLeftPart(UriPartial.Authority) + "/" + world.Volume;
        var headers = forwardedFor is null ? null : new Dictionary<string, string> { ["X-Forwarded-For"] = forwardedFor };
        for (var i = 0; i < count; i++)
        {
            var response = await world.Raw.SendToUrlAsync(HttpMethod.Get, url, headers: headers);
            answers.Add($"{(int)response.Status} {response.ErrorCode}");
        }
    }
}
