Feature: Regions
  The region is the datacenter id the server was started with (--region, here eu-ro-1). Clients may sign for it
  in any case, or for us-east-1 (what the AWS CLI signs with when the region is left blank). Any other region fails
  with 400 AuthorizationHeaderMalformed, whose XML body names the expected region in <Region>, so a client knows
  what to configure. GetBucketLocation answers the datacenter id as the LocationConstraint.

  Rule: The region is the datacenter id, in any case, or us-east-1

    Scenario Outline: A request signed for the region written "<spelling>" is accepted
      When I list my volume with a request signed for the region "<spelling>"
      Then the request succeeds

      Examples:
        | spelling  |
        | eu-ro-1   |
        | EU-RO-1   |
        | Eu-Ro-1   |
        | us-east-1 |

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
