Feature: Time
  A signed request carries the time it was signed. The server accepts requests signed up to one hour off its own
  clock (more lenient than AWS's 15 minutes, as the original service); 61 minutes off fails with
  403 RequestTimeTooSkewed. A presigned URL is valid from its X-Amz-Date (which may lie in the future by at most
  that hour) until X-Amz-Expires seconds later; X-Amz-Expires may be at most 604800 (7 days).

  Rule: Header-signed requests may be up to an hour off

    Background: the acceptance below means something only where signatures are checked
      Given a request signed with a wrong secret is refused

    Scenario Outline: A request signed <minutes> minutes off is <verdict>
      When I list my volume with a request signed <minutes> minutes off
      Then the request is <verdict>

      Examples:
        | minutes | verdict  |
        | -59     | accepted |
        | 59      | accepted |
        | -61     | refused  |
        | 61      | refused  |

    Scenario: A put signed 61 minutes off is refused and writes nothing
      When I put "skewed.txt" with the content "late" signed 61 minutes off
      Then the request fails with HTTP 403 RequestTimeTooSkewed
      And the object "skewed.txt" does not exist

  Rule: The time may travel in the Date header instead of x-amz-date
    A request may carry its time in the Date header (then signed) instead of x-amz-date, written in any HTTP-date
    form (RFC 9110: IMF-fixdate, RFC 850, asctime) or as an RFC 2822 date-time with a numeric or named zone.
    botocore does so when the program gave the request a Date header. x-amz-date, when sent, wins.

    Background: the acceptance below means something only where signatures are checked
      Given a request signed with a wrong secret is refused

    Scenario: boto3 signing with a Date header the program set puts and gets an object
      When boto3, with a Date header set before signing, puts "dated.txt" containing "dated by boto3"
      Then the object "dated.txt" contains "dated by boto3"
      And boto3, with a Date header set before signing, gets "dated.txt" containing "dated by boto3"
      And boto3 sent its time in a Date header with a numeric zone and no x-amz-date

    Scenario Outline: A request dated by a Date header in the <form> form (<looking like>) is accepted
      When I list my volume with a request dated by a Date header in the "<form>" form
      Then the request is accepted

      Examples:
        | form            | looking like                    |
        | IMF-fixdate     | Sun, 06 Nov 1994 08:49:37 GMT   |
        | RFC 850         | Sunday, 06-Nov-94 08:49:37 GMT  |
        | asctime         | Sun Nov  6 08:49:37 1994        |
        | RFC 2822, -0000 | Sun, 06 Nov 1994 08:49:37 -0000 |
        | RFC 2822, +0200 | Sun, 6 Nov 1994 10:49:37 +0200  |
        | RFC 2822, EST   | Sun, 06 Nov 1994 03:49:37 EST   |

    Scenario: A Date header 61 minutes off is refused
      When I list my volume with a request dated by a Date header in the "RFC 2822, -0000" form, 61 minutes off
      Then the request fails with HTTP 403 RequestTimeTooSkewed

    Scenario: x-amz-date wins over a Date header
      When I list my volume with a request signed with x-amz-date and also a Date header 3 hours off
      Then the request is accepted

  Rule: A presigned URL is valid from its X-Amz-Date until X-Amz-Expires runs out

    Background: the acceptance below means something only where signatures are checked
      Given a request signed with a wrong secret is refused

    Scenario Outline: A presigned GET dated <offset> minutes from now, valid for <expires> seconds, is <verdict>
      Given the object "shared.txt" contains "presigned content"
      When I get "shared.txt" through a URL I presigned dated <offset> minutes from now, valid for <expires> seconds
      Then the presigned request is <verdict>

      Examples:
        | offset | expires | verdict                        |
        | 0      | 60      | accepted                       |
        | 30     | 60      | accepted                       |
        | 59     | 60      | accepted                       |
        | 61     | 60      | refused with 403 AccessDenied  |
        | -120   | 3600    | refused with 403 AccessDenied  |
        | -120   | 7300    | accepted                       |
        | -10    | 604800  | accepted                       |

    Scenario: A presigned URL valid for 1 second is refused 2 seconds later
      Given the object "brief.txt" contains "now you see me"
      And a URL I presigned for GET "brief.txt" valid for 1 second
      When I wait 2 seconds
      And I use that presigned URL
      Then the request fails with HTTP 403 AccessDenied

    Scenario: X-Amz-Expires above 604800 seconds is refused
      Given the object "week.txt" contains "x"
      When I get "week.txt" through a URL I presigned dated 0 minutes from now, valid for 604801 seconds
      Then the presigned request is refused with 400 AuthorizationQueryParametersError

  Rule: A presigned URL cannot be altered

    Scenario Outline: A presigned URL with <change> fails with SignatureDoesNotMatch and reads nothing
      Given the object "shared.txt" contains "presigned content"
      And the object "other.txt" contains "not shared"
      And a URL I presigned for GET "shared.txt" valid for 300 seconds
      When I use that presigned URL with <change>
      Then the request fails with HTTP 403 SignatureDoesNotMatch
      And the body read is not "not shared"

      Examples:
        | change                    |
        | another key               |
        | a longer X-Amz-Expires    |
        | a changed signature       |

    Scenario: A presigned PUT cannot be turned into a write of another key
      Given a URL I presigned for PUT "allowed.txt" valid for 300 seconds
      When I use that presigned URL with another key
      Then the request fails with HTTP 403 SignatureDoesNotMatch
      And listing the volume shows no keys
