Feature: Authentication and access keys
  Every request is signed with AWS Signature Version 4. The region is the datacenter id and may be
  written in any case; us-east-1 (what the CLI uses when the region is left blank) is accepted too (see also
  region.feature; clocks and presigned URLs: time.feature). Keys can be limited to some volumes or to reading.

  Rule: The signature must be made with a known key and its secret

    Scenario: A wrong secret fails with SignatureDoesNotMatch
      When I list the buckets signing with the secret "not-the-secret"
      Then the request fails with HTTP 403 SignatureDoesNotMatch

    Scenario: An unknown access key fails with InvalidAccessKeyId
      When I list the buckets as the unknown access key "user_nobody"
      Then the request fails with HTTP 403 InvalidAccessKeyId

  @needs-data-root @needs-server-control
  Rule: Keys from a keys file can be limited

    Background:
      Given a second volume
      And a server with the keys:
        | access key   | secret key | volumes | read only |
        | user_reader  | rps_r      | mine    | true      |
        | user_limited | rps_l      | second  | false     |

    Scenario: A read-only key can read but not write
      Given the object "data.txt" contains "readable"
      When as "user_reader" I get "data.txt"
      Then the request succeeds
      When as "user_reader" I put "new.txt" with the content "x"
      Then the request fails with HTTP 403 AccessDenied
      And the object "new.txt" does not exist

    Scenario: A key limited to another volume is denied mine
      Given the object "data.txt" contains "private"
      When as "user_limited" I get "data.txt"
      Then the request fails with HTTP 403 AccessDenied

    Scenario: ListBuckets shows a limited key only its volumes
      When as "user_limited" I list the buckets
      Then the request succeeds
      And the bucket list includes the second volume
      And the bucket list does not include my volume
