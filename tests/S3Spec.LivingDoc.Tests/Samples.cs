namespace S3Spec.LivingDoc.Tests;

internal static class Samples
{
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

    /// <summary>A feature with a background: its step (line 4) runs before each scenario's own.</summary>
    public const string WithBackground = """
        Feature: Backgrounds

          Background:
            Given a background <step>

          Scenario: One
            When I put "a.txt"
        """;

    public static readonly DateTimeOffset StartedAt = new(2026, 11, 26, 13, 1, 13, TimeSpan.Zero);

    /// <summary>
    /// A scenario's result by the suite's id: one entry per pickle step ("passed", "failed:message", "skipped",
    /// "skipped:reason", "undefined"), missing ones skipped; <paramref name="after"/> is the after-hooks' result.
    /// </summary>
    public static SampleCase Case(string id, params string[] steps) => new(id, steps, "passed");

    public static SampleCase CaseWithFailingHook(string id, string message, params string[] steps) => new(id, steps, "failed:" + message);
}

internal sealed record SampleCase(string Id, IReadOnlyList<string> Steps, string After);
