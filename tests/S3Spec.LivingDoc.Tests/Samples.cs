namespace S3Spec.LivingDoc.Tests;

internal static class Samples
{
    public const string RunLine = """{"type":"run","startedAt":"2026-11-26T13:01:13.775786+00:00","target":"process","features":["features/objects.feature"]}""";

    /// <summary>Line numbers matter: results refer to them.</summary>
    public const string Objects = """"
        @area
        Feature: Objects <b>bold</b>
          An object is a file & more.

          Rule: Written objects read back

            Scenario: A put reads back
              When I put "a.txt" with "<script>alert(1)</script>"
              Then the body is "x"

            Scenario: Never run
              When I put "b.txt" with "y"
                """
                doc <string> & "quotes"
                """
              Then the table is:
                | key   | value  |
                | <x>   | a & b  |

          Rule: Keys round-trip

            Scenario Outline: A key with <kind> round-trips
              When I put "<key>"
              Then I read "<key>"

              Examples:
                | kind  | key       |
                | space | a b.txt   |
                | hash  | issue#1   |
        """";

    public static string Scenario(string id, int line, string rule, string scenario, string status, string steps, string arguments = "{}", string? error = null) =>
        $$"""{"type":"scenario","id":"{{id}}","uri":"features/objects.feature","line":{{line}},"feature":"Objects","rule":"{{rule}}","scenario":"{{scenario}}","tags":[],"arguments":{{arguments}},"status":"{{status}}","skipReason":null,"error":{{(error is null ? "null" : "\"" + error + "\"")}},"steps":[{{steps}}]}""";

    public static string Step(string keyword, string text, int line, string status, string? error = null) =>
        $$"""{"keyword":"{{keyword}}","text":"{{text.Replace("\"", "\\\"", StringComparison.Ordinal)}}","line":{{line}},"status":"{{status}}","error":{{(error is null ? "null" : "\"" + error + "\"")}},"docString":null,"table":null}""";
}
