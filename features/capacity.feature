@needs-data-root
Feature: Capacity
  A network volume has a fixed size, unlike a bucket. The operator sets each volume's quota in the data root's
  `.s3spec/volumes.json` ({"volumes":{"VOLUME":{"quotaBytes":N}}}); the server reads the file again within about
  two seconds. A write that would not fit fails with 507 InsufficientStorage and leaves nothing behind: no partial
  file, no temporary file in the staging folder (.s3compat_uploads/.tmp), no stale part, and what was on the volume
  before stays intact.

  PutObject knows its size up front (Content-Length) and is refused before a byte is written. CopyObject and
  UploadPart do not check the free space beforehand (as documented by the original service): they fail cleanly
  with 507 in the middle of the write, when the volume is full.

  Rule: A PutObject larger than the free space is refused before anything is written

    Background:
      Given my volume has a quota of 1000 bytes

    Scenario: A put that does not fit fails with 507 and earlier data stays intact
      Given the object "kept.txt" contains "earlier data"
      When I put "too-big.bin" with 2000 bytes
      Then the request fails with HTTP 507 InsufficientStorage
      And the object "too-big.bin" does not exist
      And the object "kept.txt" contains "earlier data"
      And the volume's staging folder holds no temporary file

    Scenario: A put that fits is written
      When I put "fits.bin" with 900 bytes
      Then the request succeeds
      And the object "fits.bin" has 900 bytes

  Rule: CopyObject and UploadPart do not pre-check, but fail cleanly when the volume fills up

    Background:
      Given my volume has a quota of 1000 bytes

    Scenario: A copy that does not fit fails with 507 and leaves no destination
      Given the object "source.bin" has 600 bytes
      When I copy "source.bin" to "copy.bin"
      Then the request fails with HTTP 507 InsufficientStorage
      And the object "copy.bin" does not exist
      And the object "source.bin" has 600 bytes
      And the volume's staging folder holds no temporary file

    Scenario: A part that does not fit fails with 507 and leaves no stale part
      When I start a multipart upload of "parts.bin"
      And I upload part 1 with 600 bytes
      And I upload part 2 with 600 bytes
      Then the request fails with HTTP 507 InsufficientStorage
      And the upload's parts are "1"
      And the volume's staging folder holds no temporary file

  Rule: Staged parts count against the quota until the upload is completed or aborted

    Background:
      Given my volume has a quota of 1000 bytes

    Scenario: An abandoned upload takes space; listing and aborting it frees the space
      When I start a multipart upload of "abandoned.bin"
      And I upload part 1 with 800 bytes
      And I put "after.bin" with 500 bytes
      Then the request fails with HTTP 507 InsufficientStorage
      When I list the multipart uploads
      Then the upload of "abandoned.bin" is listed
      When I abort the upload
      And I put "after.bin" with 500 bytes
      Then the request succeeds
      And the object "after.bin" has 500 bytes

  @needs-server-control @needs-root
  Rule: A real full disk (ENOSPC) answers 507 as well

    Scenario: A put on a full tmpfs fails with 507 and leaves no partial file
      Given a server whose data root is a 1 MB tmpfs
      When I put "huge.bin" with 2000000 bytes
      Then the request fails with HTTP 507 InsufficientStorage
      And the object "huge.bin" does not exist
      And the volume's staging folder holds no temporary file
      When I put "small.txt" with the content "still works"
      Then the request succeeds
