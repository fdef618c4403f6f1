Feature: Multipart uploads
  Large files are uploaded in parts. The parts wait in a hidden staging folder on the volume until
  the upload is completed (the file appears) or aborted (the parts are removed). The staging
  folder is never listed. Parts have no minimum size.

  Rule: Create, upload parts, complete

    Scenario: Three parts, the first only one byte long, make one object
      When I start a multipart upload of "big/file.bin"
      And I upload part 1 with 1 byte
      And I upload part 2 with 1000 bytes
      And I upload part 3 with 10 bytes
      And I complete the upload with the parts "1,2,3"
      Then the request succeeds
      And the object "big/file.bin" is the 1011 bytes of the parts in order
      And its ETag ends with "-3"

    Scenario: The uploaded parts are listed page by page
      When I start a multipart upload of "big/parts.bin"
      And I upload part 1 with 5 bytes
      And I upload part 2 with 5 bytes
      And I upload part 3 with 5 bytes
      And I list the parts with max-parts 2
      Then the part numbers listed page by page are "1,2 | 3"

    Scenario: An upload in progress is listed, and never shows as an object
      When I start a multipart upload of "big/pending.bin"
      And I upload part 1 with 5 bytes
      And I list the multipart uploads
      Then the upload of "big/pending.bin" is listed
      When I list with ListObjectsV2
      Then the listed keys are:
        | key |

  Rule: Parts of one size are written where they end up, so Complete does not copy them
    The first part to arrive sets the upload's part size; parts of that size (the last may be shorter) are
    written into one file at their place, which becomes the object. Other parts are staged as files of their
    own and copied at Complete; the result is the same bytes either way.

    @needs-data-root
    Scenario: Parts of one size sent out of order, the last one shorter, make one object
      When I start a multipart upload of "big/placed.bin"
      And I upload part 2 with 1000 bytes
      And I upload part 3 with 10 bytes
      And I upload part 1 with 1000 bytes
      And I complete the upload with the parts "1,2,3"
      Then the request succeeds
      And the object "big/placed.bin" is the 2010 bytes of the parts in order
      And the volume's staging folder holds no part file

    Scenario: A part sent again replaces the earlier one, also with another size
      When I start a multipart upload of "big/again.bin"
      And I upload part 1 with 100 bytes
      And I upload part 2 with 100 bytes
      And I upload part 2 with 60 bytes
      And I complete the upload with the parts "1,2"
      Then the request succeeds
      And the object "big/again.bin" is the 160 bytes of the parts in order

  Rule: Abort removes the parts

    Scenario: After an abort the upload is gone
      When I start a multipart upload of "big/aborted.bin"
      And I upload part 1 with 5 bytes
      And I abort the upload
      Then the request succeeds with HTTP 204
      When I upload part 2 with 5 bytes
      Then the request fails with HTTP 404 NoSuchUpload
      And the object "big/aborted.bin" does not exist

  Rule: Complete checks the part list

    Scenario: A part with a wrong ETag fails with InvalidPart
      When I start a multipart upload of "big/wrong.bin"
      And I upload part 1 with 5 bytes
      And I complete the upload with part 1 claiming the ETag '"ffffffffffffffffffffffffffffffff"'
      Then the request fails with HTTP 400 InvalidPart

    Scenario: Parts out of order fail with InvalidPartOrder
      When I start a multipart upload of "big/order.bin"
      And I upload part 1 with 5 bytes
      And I upload part 2 with 5 bytes
      And I complete the upload listing the parts in the order "2,1"
      Then the request fails with HTTP 400 InvalidPartOrder

  Rule: The AWS CLI uploads large files in parts

    Scenario: aws s3 cp of a 20 MB file with a 5 MB multipart threshold
      Given a local file "big.bin" of 20 MB
      And the CLI's multipart threshold and chunk size are 5MB
      When I run "aws s3 cp big.bin s3://VOLUME/uploads/big.bin"
      Then the command succeeds
      And the object "uploads/big.bin" has an ETag ending with "-4"
      When I run "aws s3 cp s3://VOLUME/uploads/big.bin back.bin"
      Then the command succeeds
      And the local file "back.bin" has the same bytes as "big.bin"
