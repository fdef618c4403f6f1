Feature: The S3 protocol as current clients speak it
  Current SDKs sign bodies chunk by chunk (aws-chunked, the .NET SDK's default over HTTP), or stream them unsigned
  with a trailing checksum (STREAMING-UNSIGNED-PAYLOAD-TRAILER, boto3 over HTTPS), and send CRC checksums by
  default. S3Spec verifies every checksum it is sent (CRC32, CRC32C, CRC64NVME, SHA1, SHA256, in a header or a
  trailer): a wrong one fails with 400 (BadDigest) and leaves the object as it was. It stores them and returns them
  with x-amz-checksum-mode: ENABLED, for multipart uploads as the composite "checksum of checksums-N" or, for
  CRC64NVME, as the full-object checksum. Presigned URLs, UploadPartCopy with ranges, conditional writes,
  DeleteObjects, virtual-hosted addressing and HTTPS work as on AWS.

  Rule: Presigned URLs made by the SDK read and write objects

    Scenario: A presigned PUT writes an object and a presigned GET reads it back
      When I put "shared/doc.txt" with the content "via presigned PUT" through a presigned URL made by the SDK
      Then the request succeeds
      And the object "shared/doc.txt" contains "via presigned PUT"
      When I get "shared/doc.txt" through a presigned URL made by the SDK
      Then the request succeeds
      And the body is "via presigned PUT"

  Rule: Signed aws-chunked bodies and unsigned bodies with a trailer are decoded

    Scenario: The SDK's default upload over HTTP (signed aws-chunked, several chunks) stores exactly the bytes sent
      When the SDK puts "chunked.bin" with 300000 random bytes and its default settings
      Then the request succeeds
      And the object "chunked.bin" has exactly those bytes

    Scenario: A STREAMING-UNSIGNED-PAYLOAD-TRAILER body with a CRC32 trailer is stored
      When I put "trailer.txt" with the content "unsigned with a trailer" as an unsigned aws-chunked body with a correct CRC32 trailer
      Then the request succeeds
      And the object "trailer.txt" contains "unsigned with a trailer"

  Rule: Checksums are verified, stored and returned

    Scenario Outline: An object put with a <algorithm> checksum returns it with checksum mode enabled
      When the SDK puts "sum.bin" with 100000 random bytes and the checksum algorithm <algorithm>
      Then the request succeeds
      When I get "sum.bin" with checksum mode enabled
      Then the answer carries the <algorithm> checksum of those bytes
      When I head "sum.bin" with checksum mode enabled
      Then the answer carries the <algorithm> checksum of those bytes

      Examples:
        | algorithm |
        | CRC32     |
        | CRC32C    |
        | CRC64NVME |
        | SHA1      |
        | SHA256    |

    Scenario Outline: An empty object's <algorithm> checksum is verified, stored and returned too
      An empty body (Content-Length: 0) carries its checksum header like any other; it was once neither verified nor
      stored (found by the differential run against moto, docs/differential.md).
      When the SDK puts "empty.bin" with 0 random bytes and the checksum algorithm <algorithm>
      Then the request succeeds
      When I head "empty.bin" with checksum mode enabled
      Then the answer carries the <algorithm> checksum of those bytes
      Given the object "guarded.txt" contains "original"
      When I put "guarded.txt" with the content "" and a wrong <algorithm> checksum header
      Then the request fails with HTTP 400
      And the object "guarded.txt" contains "original"

      Examples:
        | algorithm |
        | CRC32     |
        | SHA256    |

    Scenario Outline: A wrong <algorithm> checksum in a header fails with 400 and the object stays as it was
      Given the object "guarded.txt" contains "original"
      When I put "guarded.txt" with the content "replacement" and a wrong <algorithm> checksum header
      Then the request fails with HTTP 400
      And the object "guarded.txt" contains "original"

      Examples:
        | algorithm |
        | CRC32     |
        | CRC32C    |
        | CRC64NVME |
        | SHA1      |
        | SHA256    |

    Scenario Outline: A wrong <algorithm> checksum in a trailer fails with 400 and the object stays as it was
      Given the object "guarded.txt" contains "original"
      When I put "guarded.txt" with the content "replacement" as an unsigned aws-chunked body with a wrong <algorithm> trailer
      Then the request fails with HTTP 400
      And the object "guarded.txt" contains "original"

      Examples:
        | algorithm |
        | CRC32     |
        | CRC32C    |
        | CRC64NVME |
        | SHA1      |
        | SHA256    |

  Rule: Multipart uploads return composite or full-object checksums after Complete

    Scenario Outline: A multipart upload with <algorithm> checksums answers the <kind> checksum
      When I start a multipart upload of "mp.bin" with the checksum algorithm <algorithm>
      And I upload part 1 with 6000 bytes and its <algorithm> checksum
      And I upload part 2 with 3000 bytes and its <algorithm> checksum
      And I complete the upload with the parts "1,2" and their checksums
      Then the request succeeds
      And the completed upload carries the <kind> <algorithm> checksum of the parts
      When I head "mp.bin" with checksum mode enabled
      Then the answer carries the <kind> <algorithm> checksum of the parts

      Examples:
        | algorithm | kind        |
        | CRC32     | composite   |
        | CRC32C    | composite   |
        | SHA256    | composite   |
        | CRC64NVME | full-object |

    Scenario Outline: The checksum type declared at Create decides how <algorithm> part checksums combine: <type>
      When I start a multipart upload of "typed.bin" with the checksum algorithm <algorithm> and the checksum type <type>
      Then the request succeeds
      And the answer declares the checksum algorithm <algorithm> and the checksum type <type>
      When I upload part 1 with 6000 bytes and its <algorithm> checksum
      And I upload part 2 with 3000 bytes and its <algorithm> checksum
      And I complete the upload with the parts "1,2" and their checksums
      Then the request succeeds
      And the completed upload carries the <kind> <algorithm> checksum of the parts
      When I head "typed.bin" with checksum mode enabled
      Then the answer carries the <kind> <algorithm> checksum of the parts

      Examples:
        | algorithm | type        | kind        |
        | CRC32     | FULL_OBJECT | full-object |
        | CRC32C    | FULL_OBJECT | full-object |
        | CRC32     | COMPOSITE   | composite   |

    Scenario: A Complete naming another checksum type than the upload declared is refused, and the upload stays
      When I start a multipart upload of "typed.bin" with the checksum algorithm CRC32 and the checksum type COMPOSITE
      And I upload part 1 with 6000 bytes and its CRC32 checksum
      And I complete the upload with the parts "1" and the checksum type FULL_OBJECT
      Then the request fails with HTTP 400 InvalidRequest
      When I complete the upload with the parts "1" and their checksums
      Then the request succeeds
      And the completed upload carries the composite CRC32 checksum of the parts

    Scenario Outline: A checksum type the algorithm cannot have is refused at Create: <algorithm> <type>
      When I start a multipart upload of "refused.bin" with the checksum algorithm <algorithm> and the checksum type <type>
      Then the request fails with HTTP 400 InvalidRequest

      Examples:
        | algorithm | type        |
        | SHA256    | FULL_OBJECT |
        | SHA1      | FULL_OBJECT |
        | CRC64NVME | COMPOSITE   |

  Rule: Parts can be copied from existing objects, whole or by range

    Scenario: UploadPartCopy with x-amz-copy-source-range assembles ranges of another object
      Given the object "source.txt" contains "0123456789abcdefghij"
      When I start a multipart upload of "assembled.txt"
      And I copy bytes 10-19 of "source.txt" as part 1
      And I copy bytes 0-9 of "source.txt" as part 2
      And I complete the upload with the copied parts
      Then the request succeeds
      And the object "assembled.txt" contains "abcdefghij0123456789"

    Scenario: aws s3 cp between two keys of the volume copies a large object in parts
      Given a local file "big.bin" of 12 MB
      And the CLI's multipart threshold and chunk size are 5MB
      When I run "aws s3 cp big.bin s3://VOLUME/big"
      Then the command succeeds
      When I run "aws s3 cp s3://VOLUME/big s3://VOLUME/big2"
      Then the command succeeds
      And the object "big2" has an ETag ending with "-3"
      When I run "aws s3 cp s3://VOLUME/big2 back.bin"
      Then the command succeeds
      And the local file "back.bin" has the same bytes as "big.bin"

  Rule: A refused upload leaves the client's connection usable

    botocore sends Expect: 100-continue with file bodies. An answer that comes before the body was asked for
    (412, 404, 403, any refusal) carries Connection: close, because the client may or may not send the body it was
    never asked for; the client's next call opens a new connection. A body that goes silent for
    RequestBodyIdleTimeout (20 s) is ended with 400 RequestTimeout. docs/architecture.md, "Connections after an
    early answer".

    Scenario: boto3's next call works after a refused conditional upload and an upload into a missing volume
      Given the object "exists.txt" contains "already here"
      When boto3 puts a file as "exists.txt" if none matches "*", then into a missing volume, then gets it, on one client
      Then boto3 reported "PreconditionFailed", "NoSuchBucket" and read "already here"

  Rule: Conditional writes

    Scenario: If-None-Match * creates an object only once
      When I put "once.txt" with the content "first" if none matches "*"
      Then the request succeeds
      When I put "once.txt" with the content "second" if none matches "*"
      Then the request fails with HTTP 412 PreconditionFailed
      And the object "once.txt" contains "first"

    Scenario: If-Match with the current ETag replaces, with another ETag fails with 412
      Given the object "guarded.txt" contains "v1"
      When I put "guarded.txt" with the content "v2" if its ETag matches '"0123456789abcdef0123456789abcdef"'
      Then the request fails with HTTP 412 PreconditionFailed
      And the object "guarded.txt" contains "v1"
      When I put "guarded.txt" with the content "v2" if its ETag matches the current one
      Then the request succeeds
      And the object "guarded.txt" contains "v2"

    Scenario: CompleteMultipartUpload with If-None-Match * does not replace an existing object
      Given the object "taken.bin" contains "already here"
      When I start a multipart upload of "taken.bin"
      And I upload part 1 with 10 bytes
      And I complete the upload with the parts "1" if none matches "*"
      Then the request fails with HTTP 412 PreconditionFailed
      And the object "taken.bin" contains "already here"

    Scenario: CompleteMultipartUpload with a wrong If-Match fails with 412
      Given the object "taken.bin" contains "already here"
      When I start a multipart upload of "taken.bin"
      And I upload part 1 with 10 bytes
      And I complete the upload with the parts "1" if its ETag matches '"0123456789abcdef0123456789abcdef"'
      Then the request fails with HTTP 412 PreconditionFailed
      And the object "taken.bin" contains "already here"

  Rule: DeleteObjects deletes up to 1000 keys and reports each one

    Scenario: DeleteObjects reports every key it deleted
      Given the volume holds the objects:
        | key   |
        | a.txt |
        | b.txt |
        | c.txt |
      When I delete the keys "a.txt,b.txt,missing.txt" with DeleteObjects
      Then the request succeeds
      And the deleted keys reported are "a.txt,b.txt,missing.txt"
      And listing the volume shows exactly the keys "c.txt"

    Scenario: In Quiet mode only errors are reported
      Given the volume holds the objects:
        | key   |
        | a.txt |
      When I delete the keys "a.txt,missing.txt" with DeleteObjects in Quiet mode
      Then the request succeeds
      And the deleted keys reported are ""
      And listing the volume shows no keys

    Scenario: A key that cannot be deleted gets an error entry while the others are deleted
      Given the volume holds the objects:
        | key        |
        | a.txt      |
        | dir/in.txt |
      When I delete the keys "a.txt,dir/../x" with DeleteObjects
      Then the request succeeds
      And the deleted keys reported are "a.txt"
      And the key "dir/../x" is reported with the error InvalidArgument
      And listing the volume shows exactly the keys "dir/in.txt"

    Scenario: 1000 keys are accepted in one request, 1001 are refused
      Given the volume holds the objects:
        | key   |
        | a.txt |
      When I delete 1001 keys with DeleteObjects
      Then the request fails with HTTP 400 MalformedXML
      And the object "a.txt" contains "a.txt"
      When I delete 1000 keys with DeleteObjects
      Then the request succeeds
      And 1000 keys are reported deleted
      And listing the volume shows no keys

    Scenario: DeleteObjects without Content-MD5 or a checksum fails with InvalidRequest
      Given the volume holds the objects:
        | key   |
        | a.txt |
      When I send DeleteObjects for "a.txt" without Content-MD5 or a checksum
      Then the request fails with HTTP 400 InvalidRequest
      And the object "a.txt" contains "a.txt"

  @needs-server-control
  Rule: With a base domain, volumes are reached as VOLUME.domain (virtual-hosted addressing)

    Scenario: The SDK with path style off reaches the volume as VOLUME.localhost
      Given a server with the settings:
        | setting    | value     |
        | BaseDomain | localhost |
      When the SDK with virtual-hosted addressing puts "vhost.txt" with the content "virtual host"
      Then the request succeeds
      And the object "vhost.txt" contains "virtual host"
      When the SDK with virtual-hosted addressing lists the volume
      Then the request succeeds
      And the virtual-hosted listing shows "vhost.txt"

  @needs-server-control
  Rule: Over HTTPS the clients work as over HTTP

    Scenario Outline: <client> over <scheme>: put, get, and a 12 MB upload in 5 MB parts
      Given a server over <scheme>
      And a local file "small.txt" containing "secure <client>"
      And a local file "big.bin" of 12 MB
      When the client "<client>" uploads "small.txt" as "tls/small.txt"
      Then the object "tls/small.txt" contains "secure <client>"
      And the client "<client>" downloads "tls/small.txt" as "small-back.txt" containing "secure <client>"
      When the client "<client>" uploads "big.bin" as "tls/big.bin" in 5 MB parts
      Then the object "tls/big.bin" has an ETag ending with "-3"
      And the client "<client>" downloads "tls/big.bin" as "big-back.bin" with the same bytes as "big.bin"

      Examples:
        | client           | scheme |
        | AWS SDK for .NET | http   |
        | AWS SDK for .NET | https  |
        | AWS CLI v2       | http   |
        | AWS CLI v2       | https  |
        | boto3            | http   |
        | boto3            | https  |
