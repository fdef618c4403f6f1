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

  @needs-server-control
  Rule: Failing authentication is slowed down per client, correctly signed requests never are
    Each client address may fail authentication UnauthenticatedBurst times at once (regaining
    UnauthenticatedPerSecond a second); beyond, its failures are answered 503 SlowDown. A correctly signed request
    is served whatever other requests from its address did, and refusals of a valid signature (a volume the key may
    not use, a read-only key writing) are not failures. Behind a load balancer every client has its address; when
    the load balancer is listed in TrustedProxies, the client X-Forwarded-For names counts instead. An
    X-Forwarded-For from any other sender is ignored.

    Scenario: Correctly signed requests are served while anonymous ones from the same address are slowed down
      Given a server with the settings:
        | setting                  | value |
        | UnauthenticatedBurst     | 3     |
        | UnauthenticatedPerSecond | 0.01  |
      When I send 5 anonymous requests
      Then the answers were "3 × 403 AccessDenied, 2 × 503 SlowDown"
      When I list my volume with a request signed 0 minutes off
      Then the request is accepted
      When I send 1 anonymous request
      Then the answers were "1 × 503 SlowDown"

    Scenario: Behind a trusted proxy each forwarded client has its own allowance
      Given a server with the settings:
        | setting                  | value     |
        | UnauthenticatedBurst     | 3         |
        | UnauthenticatedPerSecond | 0.01      |
        | TrustedProxies           | 127.0.0.1 |
      When I send 4 anonymous requests forwarded for "198.51.100.1"
      Then the answers were "3 × 403 AccessDenied, 1 × 503 SlowDown"
      When I send 3 anonymous requests forwarded for "198.51.100.2"
      Then the answers were "3 × 403 AccessDenied"

    Scenario: An X-Forwarded-For from a sender that is not a trusted proxy is ignored
      Given a server with the settings:
        | setting                  | value        |
        | UnauthenticatedBurst     | 3            |
        | UnauthenticatedPerSecond | 0.01         |
        | TrustedProxies           | 192.0.2.0/24 |
      When I send 3 anonymous requests forwarded for "198.51.100.1"
      And I send 1 anonymous request forwarded for "198.51.100.2"
      Then the answers were "3 × 403 AccessDenied, 1 × 503 SlowDown"
