@needs-server-control
Feature: Profiles
  The setting Profile chooses how much of S3 the server offers. "full" (the default) offers everything S3Spec
  implements. "runpod" reproduces the service of the brief: presigned URLs are refused with 403 AccessDenied,
  DeleteObjects and GetBucketLocation answer 501 NotImplemented. Everything else is the same in both.

  Rule: The runpod profile refuses what the original service does not offer; full offers it

    Scenario Outline: <operation> on a server with the <profile> profile: the request <result>
      Given a server with the settings:
        | setting | value     |
        | Profile | <profile> |
      And the object "a.txt" contains "A"
      And the object "b.txt" contains "B"
      When I <operation>
      Then the request <result>
      And <afterwards>

      @profile-runpod
      Examples: runpod
        | profile | operation                                     | result                             | afterwards                           |
        | runpod  | get "a.txt" through a presigned URL           | fails with HTTP 403 AccessDenied   | the object "a.txt" contains "A"      |
        | runpod  | put "c.txt" through a presigned URL           | fails with HTTP 403 AccessDenied   | the object "c.txt" does not exist    |
        | runpod  | delete "a.txt" and "b.txt" with DeleteObjects | fails with HTTP 501 NotImplemented | the object "b.txt" contains "B"      |
        | runpod  | ask for the volume's location                 | fails with HTTP 501 NotImplemented | the object "a.txt" contains "A"      |

      @profile-full
      Examples: full
        | profile | operation                                     | result   | afterwards                            |
        | full    | get "a.txt" through a presigned URL           | succeeds | the body is "A"                       |
        | full    | put "c.txt" through a presigned URL           | succeeds | the object "c.txt" contains "presigned" |
        | full    | delete "a.txt" and "b.txt" with DeleteObjects | succeeds | the object "b.txt" does not exist     |
        | full    | ask for the volume's location                 | succeeds | the location constraint is my region  |

    @profile-runpod
    Scenario: The runpod profile still offers the documented operations
      Given a server with the settings:
        | setting | value  |
        | Profile | runpod |
      When I put "doc.txt" with the content "documented"
      Then the request succeeds
      And the object "doc.txt" contains "documented"
      When I start a multipart upload of "parts.bin"
      And I upload part 1 with 10 bytes
      And I complete the upload with the parts "1"
      Then the request succeeds
      When I delete "doc.txt"
      Then the request succeeds with HTTP 204
