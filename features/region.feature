Feature: Regions
  The region is the datacenter id the server was started with (--region: eu-ro-1 when the suite starts the
  server, S3SPEC_TEST_REGION for an endpoint). Clients may sign for it
  in any case, or for us-east-1 (what the AWS CLI signs with when the region is left blank). Any other region fails
  with 400 AuthorizationHeaderMalformed, whose XML body names the expected region in <Region>, so a client knows
  what to configure. GetBucketLocation answers the datacenter id as the LocationConstraint.

  Rule: The region is the datacenter id, in any case, or us-east-1

    Background: the acceptance below means something only where signatures are checked
      Given a request signed with a wrong secret is refused

    Scenario Outline: A request signed for my region written in <case> case is accepted
      When I list my volume with a request signed for my region written in <case> case
      Then the request succeeds

      Examples:
        | case  |
        | lower |
        | upper |
        | mixed |

    Scenario: A request signed for us-east-1 is accepted
      When I list my volume with a request signed for the region "us-east-1"
      Then the request succeeds

    Scenario: The SDK configured with the region in upper case works
      When I list the buckets signing for my region in upper case
      Then the request succeeds

    Scenario Outline: A request signed for "<region>" fails with AuthorizationHeaderMalformed naming the expected region
      When I list my volume with a request signed for the region "<region>"
      Then the request fails with HTTP 400 AuthorizationHeaderMalformed
      And the error's Region is my region

      Examples:
        | region     |
        | ap-south-9 |
        | eu-ro-2    |
        | eur-is-1   |

    Scenario: A put signed for another region writes nothing
      When I put "elsewhere.txt" with the content "x" signed for the region "eur-is-1"
      Then the request fails with HTTP 400 AuthorizationHeaderMalformed
      And the object "elsewhere.txt" does not exist

  Rule: GetBucketLocation answers the datacenter id

    Scenario: The location of my volume is the server's region
      When I ask for the volume's location
      Then the request succeeds
      And the location constraint is my region
