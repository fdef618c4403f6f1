using System.Text;
using S3Spec.Auth.Signing;

namespace S3Spec.Auth.Tests;

/// <summary>
/// Query parameters as the canonical request needs them: decoded text and canonical (re-encoded) text, the same
/// whether a component takes the short path (unreserved characters only) or is decoded and encoded.
/// </summary>
public sealed class QueryParameterTests
{
    [Theory]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm", "AWS4-HMAC-SHA256", "X-Amz-Algorithm", "AWS4-HMAC-SHA256")]
    [InlineData("X-Amz-Credential=AK%2F20261202%2Fus-east-1%2Fs3%2Faws4_request", "X-Amz-Credential", "AK/20261202/us-east-1/s3/aws4_request", "X-Amz-Credential", "AK%2F20261202%2Fus-east-1%2Fs3%2Faws4_request")]
    [InlineData("a+b=c+d", "a b", "c d", "a%20b", "c%20d")]
    [InlineData("k=%7e%41", "k", "~A", "k", "~A")]
    [InlineData("k=a/b", "k", "a/b", "k", "a%2Fb")]
    [InlineData("k=%E2%82%AC", "k", "\u20ac", "k", "%E2%82%AC")]
    [InlineData("k=%zz", "k", "%zz", "k", "%25zz")]
    [InlineData("acl", "acl", "", "acl", "")]
    [InlineData("acl=", "acl", "", "acl", "")]
    [InlineData("=v", "", "v", "", "v")]
    public void ParsesNameAndValueAsTextAndCanonicalText(string query, string name, string value, string encodedName, string encodedValue)
    {
        var parameter = Assert.Single(QueryParameter.Parse(query));
        Assert.Equal(new QueryParameter(name, value, encodedName, encodedValue), parameter);
    }

    [Fact]
    public void EveryAsciiCharacterGivesWhatDecodingAndEncodingGive()
    {
        for (var c = 0x21; c < 0x7F; c++)
        {
            if (c is '&' or '=')
            {
                continue;
            }

            var text = "a" + (char)c + "z";
            var decoded = SigV4Encoding.PercentDecode(text, plusIsSpace: true);
            var expected = new QueryParameter(Encoding.UTF8.GetString(decoded), Encoding.UTF8.GetString(decoded), SigV4Encoding.Encode(decoded), SigV4Encoding.Encode(decoded));
            Assert.Equal(expected, Assert.Single(QueryParameter.Parse(text + "=" + text)));
        }
    }

    [Fact]
    public void SplitsOnAmpersandsAndSkipsEmptyPairs()
    {
        var parameters = QueryParameter.Parse("a=1&&b=2&c");
        Assert.Equal(["a", "b", "c"], parameters.Select(static p => p.Name));
        Assert.Equal(["1", "2", ""], parameters.Select(static p => p.Value));
    }
}
