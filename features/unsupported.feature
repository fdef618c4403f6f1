Feature: Unsupported S3 features
  A volume is a plain directory: objects have no versions, no server-side encryption, no tags, no ACLs other than
  the fixed private one, no locks, no website redirects, and one storage class (STANDARD). Volumes have no policy,
  lifecycle or CORS configuration, and SelectObjectContent is not offered. A request that asks for any of these
  fails with the answer below and writes nothing: the object "existing.txt" keeps its content and no other key
  appears. What matches the fixed behaviour is accepted: GetBucketVersioning answers without a Status (never
  enabled), GetObjectTagging answers an empty tag set, ACL reads answer the owner with FULL_CONTROL, the canned ACL "private" and the storage class STANDARD are
  accepted. Signature Version 2 is refused with a message that names AWS4-HMAC-SHA256.

  Background:
    Given the object "existing.txt" contains "original"

  Rule: Requests for features a volume does not have are refused and change nothing

    Scenario Outline: <request> fails with <status> <code>
      When I send the request "<request>"
      Then the request fails with HTTP <status> <code>
      And the object "existing.txt" contains "original"
      And listing the volume shows exactly the keys "existing.txt"

      Examples: versioning
        | request                                         | status | code               |
        | PutBucketVersioning Enabled                     | 501    | NotImplemented     |
        | GetObject existing.txt with versionId=abc       | 400    | InvalidArgument    |

      Examples: encryption
        | request                                         | status | code               |
        | PutObject with x-amz-server-side-encryption AES256 | 501 | NotImplemented     |
        | PutObject with SSE-C headers                    | 501    | NotImplemented     |

      Examples: tagging
        | request                                         | status | code               |
        | PutObjectTagging on existing.txt                | 501    | NotImplemented     |
        | PutObject with x-amz-tagging                    | 501    | NotImplemented     |

      Examples: ACLs other than private
        | request                                         | status | code               |
        | PutObject with x-amz-acl public-read            | 501    | NotImplemented     |
        | PutObject with x-amz-grant-read                 | 501    | NotImplemented     |
        | PutObjectAcl public-read on existing.txt        | 501    | NotImplemented     |

      Examples: object lock
        | request                                         | status | code               |
        | PutObject with x-amz-object-lock-mode GOVERNANCE | 501   | NotImplemented     |
        | PutObjectRetention on existing.txt              | 501    | NotImplemented     |
        | PutObjectLegalHold on existing.txt              | 501    | NotImplemented     |
        | GetObjectRetention on existing.txt              | 501    | NotImplemented     |
        | PutObjectLockConfiguration                      | 501    | NotImplemented     |
        | GetObjectLockConfiguration                      | 501    | NotImplemented     |

      Examples: website redirects and storage classes
        | request                                         | status | code               |
        | PutObject with x-amz-website-redirect-location  | 501    | NotImplemented     |
        | PutObject with x-amz-storage-class GLACIER      | 400    | InvalidStorageClass |

      Examples: bucket configuration
        | request                                         | status | code               |
        | PutBucketPolicy                                 | 501    | NotImplemented     |
        | GetBucketPolicy                                 | 501    | NotImplemented     |
        | PutBucketLifecycleConfiguration                 | 501    | NotImplemented     |
        | GetBucketLifecycleConfiguration                 | 501    | NotImplemented     |
        | PutBucketCors                                   | 501    | NotImplemented     |
        | GetBucketCors                                   | 501    | NotImplemented     |

      Examples: other operations
        | request                                         | status | code               |
        | SelectObjectContent on existing.txt             | 501    | NotImplemented     |

  Rule: What matches the fixed behaviour is accepted

    Scenario: GetBucketVersioning answers that versioning was never enabled
      When I send the request "GetBucketVersioning"
      Then the request succeeds with HTTP 200
      And the answer has no element "Status"

    Scenario: GetObjectTagging answers an empty tag set
      The AWS CLI reads an object's tags before it copies the object in parts (aws s3 cp between S3 paths), so
      reading tags answers the empty set; setting tags is refused above.
      When I send the request "GetObjectTagging on existing.txt"
      Then the request succeeds with HTTP 200
      And the answer has no element "Tag"

    Scenario Outline: <request> answers the owner with FULL_CONTROL
      When I send the request "<request>"
      Then the request succeeds with HTTP 200
      And the answer grants FULL_CONTROL to the owner, and nothing else

      Examples:
        | request                      |
        | GetBucketAcl                 |
        | GetObjectAcl on existing.txt |

    Scenario Outline: <request> is accepted
      When I send the request "<request>"
      Then the request succeeds with HTTP 200
      And the object "<key>" contains "<content>"

      Examples:
        | request                                     | key          | content  |
        | PutObject with x-amz-acl private            | new.txt      | new      |
        | PutObject with x-amz-storage-class STANDARD | new.txt      | new      |
        | PutObjectAcl private on existing.txt        | existing.txt | original |

  Rule: Only Signature Version 4 is accepted

    Scenario: A request signed with Signature Version 2 fails with InvalidRequest naming AWS4-HMAC-SHA256
      When I send the request "ListObjects signed with Signature Version 2"
      Then the request fails with HTTP 400 InvalidRequest
      And the error message mentions "AWS4-HMAC-SHA256"

    Scenario: A put signed with Signature Version 2 writes nothing
      When I send the request "PutObject signed with Signature Version 2"
      Then the request fails with HTTP 400 InvalidRequest
      And listing the volume shows exactly the keys "existing.txt"
