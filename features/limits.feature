Feature: Size limits
  The largest PutObject/CopyObject (MaxPutSize, default 5 GiB), part (MaxPartSize, 5 GiB), completed object
  (MaxObjectSize, 4 TB) and number of parts (MaxParts, 10,000) are settings (`--S3Spec:MaxPutSize=...`). Going over
  one fails with 400 EntityTooLarge (too many parts: 400 InvalidArgument) and writes nothing. The scenarios start a
  server with small limits. There is no 5 MB minimum part size.

  @needs-server-control
  Rule: MaxPutSize limits PutObject and CopyObject

    Background:
      Given a server with the settings:
        | setting    | value |
        | MaxPutSize | 1024  |

    Scenario: A put of MaxPutSize bytes is accepted
      When I put "exact.bin" with 1024 bytes
      Then the request succeeds

    Scenario: A put over MaxPutSize fails with EntityTooLarge and writes nothing
      When I put "over.bin" with 1025 bytes
      Then the request fails with HTTP 400 EntityTooLarge
      And the object "over.bin" does not exist

    Scenario: A copy of an object larger than MaxPutSize fails with EntityTooLarge
      Given the file "large.bin" of 2000 bytes is on the volume's disk
      When I copy "large.bin" to "large-copy.bin"
      Then the request fails with HTTP 400 EntityTooLarge
      And the object "large-copy.bin" does not exist

  @needs-server-control
  Rule: MaxPartSize limits each part

    Scenario: A part over MaxPartSize fails with EntityTooLarge
      Given a server with the settings:
        | setting     | value |
        | MaxPartSize | 1024  |
      When I start a multipart upload of "parts.bin"
      And I upload part 1 with 1024 bytes
      Then the request succeeds
      When I upload part 2 with 1025 bytes
      Then the request fails with HTTP 400 EntityTooLarge
      And the upload's parts are "1"

  @needs-server-control
  Rule: MaxObjectSize limits what CompleteMultipartUpload assembles

    Scenario: Completing parts that add up to more than MaxObjectSize fails with EntityTooLarge
      Given a server with the settings:
        | setting       | value |
        | MaxObjectSize | 1500  |
      When I start a multipart upload of "whole.bin"
      And I upload part 1 with 1000 bytes
      And I upload part 2 with 1000 bytes
      And I complete the upload with the parts "1,2"
      Then the request fails with HTTP 400 EntityTooLarge
      And the object "whole.bin" does not exist

  @needs-server-control
  Rule: MaxParts limits the part numbers

    Scenario: A part number above MaxParts is refused
      Given a server with the settings:
        | setting  | value |
        | MaxParts | 3     |
      When I start a multipart upload of "few.bin"
      And I upload part 3 with 5 bytes
      Then the request succeeds
      When I upload part 4 with 5 bytes
      Then the request fails with HTTP 400 InvalidArgument
      And the upload's parts are "3"

  Rule: There is no minimum part size

    Scenario: A 1-byte first part and a 1-byte last part complete
      When I start a multipart upload of "tiny.bin"
      And I upload part 1 with 1 byte
      And I upload part 2 with 1 byte
      And I complete the upload with the parts "1,2"
      Then the request succeeds
      And the object "tiny.bin" is the 2 bytes of the parts in order
