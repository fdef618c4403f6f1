using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>Requests for unsupported features, by name (see <see cref="RequestCatalog"/>), and what their answers hold.</summary>
[Binding]
public sealed class UnsupportedSteps(S3World world)
{
    [When("I send the request {string}")]
    public async Task Send(string name) => world.Outcome = (await RequestCatalog.SendAsync(world, name)).ToOutcome();

    [Then("the answer has no element {string}")]
    public void NoElement(string name)
    {
        var body = ((RawResponse)world.LastOutcome.Response!).BodyText;
        Assert.DoesNotContain($"<{name}>", body, StringComparison.Ordinal);
        Assert.DoesNotContain($"<{name} ", body, StringComparison.Ordinal);
    }

    [Then("the answer grants FULL_CONTROL to the owner, and nothing else")]
    public void OwnerFullControl()
    {
        var xml = System.Xml.Linq.XDocument.Parse(((RawResponse)world.LastOutcome.Response!).BodyText);
        var owner = xml.Descendants().First(e => e.Name.LocalName == "Owner").Descendants().First(e => e.Name.LocalName == "ID").Value;
        var grants = xml.Descendants().Where(e => e.Name.LocalName == "Grant").ToList();
        var grant = Assert.Single(grants);
        Assert.Equal("FULL_CONTROL", grant.Descendants().First(e => e.Name.LocalName == "Permission").Value);
        Assert.Equal(owner, grant.Descendants().First(e => e.Name.LocalName == "ID").Value);
        Assert.False(string.IsNullOrEmpty(owner), "The owner has no ID");
    }
}
