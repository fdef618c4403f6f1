Feature: Volumes are buckets
  Every top-level directory of the server's data root is a network volume, and each volume is a bucket.
  Volumes are made and removed by the operator, on disk; the S3 API lists and checks them but never
  creates or deletes them.

  Rule: ListBuckets lists the volume directories

    @needs-data-root
    Scenario: Directories made on disk are listed as buckets with a creation date
      Given the volume directories "alpha-vol" and "beta-vol" exist on disk
      When I list the buckets
      Then the request succeeds
      And the bucket list includes "alpha-vol" and "beta-vol"
      And every listed bucket has a creation date

    @needs-data-root
    Scenario Outline: The directory "<name>" is not a volume and is not listed
      Given the directory "<name>" exists in the data root
      When I list the buckets
      Then the bucket list does not include "<name>"

      Examples:
        | name          |
        | lost+found    |
        | .hidden-vol   |
        | Upper_Case    |
        | ab            |

    @needs-data-root
    Scenario: A plain file in the data root is not a volume
      Given the file "notes.txt" exists in the data root
      When I list the buckets
      Then the bucket list does not include "notes.txt"

  Rule: HeadBucket tells whether a volume exists

    Scenario: HeadBucket on my volume answers 200
      When I check my volume with HeadBucket
      Then the request succeeds with HTTP 200

    Scenario: HeadBucket on a volume that does not exist answers 404
      When I check the volume "no-such-volume-4f1c" with HeadBucket
      Then the request fails with HTTP 404

    Scenario: Listing a volume that does not exist fails with NoSuchBucket
      When I list the objects of the volume "no-such-volume-4f1c"
      Then the request fails with HTTP 404 NoSuchBucket

  Rule: Buckets cannot be created or deleted over S3

    Scenario: Creating a bucket that is an existing volume says it is already yours
      When I create a bucket named like my volume
      Then the request fails with HTTP 409 BucketAlreadyOwnedByYou

    Scenario: Creating a bucket with a new name is refused
      When I create the bucket "brand-new-volume-7d2e"
      Then the request fails with HTTP 403 AccessDenied
      And the volume "brand-new-volume-7d2e" does not exist

    Scenario: Deleting a volume's bucket is refused and the volume stays
      Given the object "keep.txt" contains "still here"
      When I delete my volume's bucket
      Then the request fails with HTTP 403 AccessDenied
      And the object "keep.txt" contains "still here"
