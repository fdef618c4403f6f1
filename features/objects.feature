Feature: Objects
  An object is a file on the network volume: its key is the file's path inside the volume.
  PutObject writes the file, GetObject reads it back and HeadObject describes it, with the
  Content-Type and user metadata (x-amz-meta-*) that were sent when it was written.

  Rule: What is written is read back, with its content type and metadata

    Scenario: An object put with metadata reads back with the same bytes and headers
      When I put "notes/hello.txt" with the content "Hello, volume!" and the headers:
        | header            | value                     |
        | Content-Type      | text/plain; charset=utf-8 |
        | x-amz-meta-author | ada                       |
      Then the request succeeds
      When I get "notes/hello.txt"
      Then the body is "Hello, volume!"
      And the content type is "text/plain; charset=utf-8"
      And the metadata "author" is "ada"
      And the ETag is the MD5 of "Hello, volume!"

    Scenario: HeadObject describes an object without its body
      Given the object "report.csv" contains "a,b,c"
      When I head "report.csv"
      Then the request succeeds
      And the content length is 5
      And the ETag is the MD5 of "a,b,c"

    Scenario: Reading a key that does not exist fails with NoSuchKey
      When I get "missing.txt"
      Then the request fails with HTTP 404 NoSuchKey

    Scenario: Objects are not versioned
      Given the object "plain.txt" contains "v1"
      When I get "plain.txt"
      Then the response carries no version id

  Rule: Header values are bytes in, bytes out

    Metadata and content headers are stored as the bytes that arrived and returned byte for byte, so every client
    reads back what it wrote, however it encodes text (boto3 sends UTF-8; AWS would return such values RFC 2047
    encoded). A control byte other than tab cannot be carried by a header: the write is refused with
    InvalidArgument and nothing is stored. Values an older record holds that a header cannot carry are left out
    of the answer and counted in x-amz-missing-meta. A metadata entry sent with an empty value is kept and read
    back empty (boto3 reads it as ''), as moto returns it.

    Scenario Outline: boto3 writes <header> as "<value>" and reads back the same bytes
      When boto3 puts "bytes.txt" with the header "<header>" set to "<value>" before the call
      Then boto3 reads back the same bytes of "<header>"

      Examples:
        | header              | value                                |
        | x-amz-meta-meta1    | Hello World\xe9                      |
        | x-amz-meta-city     | K\xf6ln                              |
        | x-amz-meta-price    | 5 \u20ac                             |
        | Content-Disposition | attachment; filename=r\xe9sum\xe9.pdf   |
        | x-amz-meta-empty    |                                      |

    Scenario Outline: boto3 gets InvalidArgument for a control byte in <header> and nothing is stored
      When boto3 puts "control.txt" with the header "<header>" set to "<value>" before the call
      Then boto3 was refused with "InvalidArgument"
      And the object "control.txt" does not exist

      Examples:
        | header           | value        |
        | x-amz-meta-a     | one\x01two   |
        | x-amz-meta-a     | tab\x0bstop  |
        | x-amz-meta-a     | del\x7f      |
        | Content-Type     | text/plain\x1f |

    Scenario: The .NET SDK reads the UTF-8 bytes boto3 wrote, one char per byte
      The .NET SDK refuses to send non-ASCII header values (HttpClient: "Request headers must contain only ASCII
      characters") and reads response headers as Latin-1, as boto3 does: the bytes are those written, and decoding
      them as UTF-8 gives the text back.
      When boto3 puts "for-sdk.txt" with the header "x-amz-meta-city" set to "K\xf6ln" before the call
      And I get "for-sdk.txt"
      Then the metadata "city" is "KÃ¶ln"
      And the metadata "city" read as UTF-8 bytes is "Köln"

  Rule: A Content-MD5 that does not match the body is refused and changes nothing

    Scenario: A put with a wrong Content-MD5 fails with BadDigest and the old object stays
      Given the object "digest.txt" contains "original"
      When I put "digest.txt" with the content "replacement" and the Content-MD5 of "something else"
      Then the request fails with HTTP 400 BadDigest
      And the object "digest.txt" contains "original"

  Rule: A Content-MD5 must be the base64 of 16 bytes, on every operation
    A Content-MD5 header that is sent empty, blank, not base64 or of another length than 16 bytes is refused with
    400 InvalidDigest before anything is read or changed, whatever the operation (a Content-MD5 that is well formed
    but does not match the body is BadDigest, above).

    Scenario Outline: <operation> with a Content-MD5 that is <content-md5> fails with InvalidDigest and changes nothing
      Given the object "md5.txt" contains "original"
      When I send <operation> with a Content-MD5 that is "<content-md5>"
      Then the request fails with HTTP 400 InvalidDigest
      And the <operation> changed nothing

      Examples:
        | operation               | content-md5 |
        | PutObject               | empty       |
        | PutObject               | not base64  |
        | PutObject               | 15 bytes    |
        | PutObject               | 17 bytes    |
        | UploadPart              | empty       |
        | UploadPart              | 15 bytes    |
        | CompleteMultipartUpload | empty       |
        | CompleteMultipartUpload | not base64  |
        | CompleteMultipartUpload | 17 bytes    |
        | DeleteObjects           | empty       |
        | DeleteObjects           | not base64  |
        | DeleteObjects           | 15 bytes    |
        | PutObjectAcl            | empty       |

  Rule: Keys with special characters round-trip through the SDK and the AWS CLI

    Scenario Outline: A key with <kind> is written and read back by the <client>
      When the <client> puts "<key>" with the content "special <kind>"
      Then the <client> reads "<key>" as "special <kind>"
      And listing the volume shows exactly the keys "<key>"

      Examples:
        | kind       | key                   | client |
        | spaces     | my file name.txt      | SDK    |
        | spaces     | my file name.txt      | CLI    |
        | a hash     | issue#42.txt          | SDK    |
        | a hash     | issue#42.txt          | CLI    |
        | a question | why?.txt              | SDK    |
        | a question | why?.txt              | CLI    |
        | a percent  | 100%.txt              | SDK    |
        | a percent  | 100%.txt              | CLI    |
        | a plus     | c++ notes.txt         | SDK    |
        | a plus     | c++ notes.txt         | CLI    |
        | & and =    | a=1&b=2.txt           | SDK    |
        | & and =    | a=1&b=2.txt           | CLI    |
        | unicode    | données/été ☀ 日本.txt | SDK    |
        | unicode    | données/été ☀ 日本.txt | CLI    |

  Rule: Keys that are not plain relative paths are refused and nothing is written

    Scenario Outline: The key "<key>" is refused
      When I send a PUT with the content "x" to the raw path "<key>"
      Then the request fails with HTTP 400
      And listing the volume shows no keys

      Examples:
        | key     |
        | a//b    |
        | a/./b   |
        | a/../b  |

  Rule: A key ending in "/" is a directory

    @needs-data-root
    Scenario: Putting an empty "photos/" object creates the directory on disk
      When I put "photos/" with the content ""
      Then the request succeeds
      And the volume's disk has the directory "photos"

  Rule: Ranges return part of an object

    Scenario: A satisfiable range returns 206 with those bytes
      Given the object "digits.txt" contains "0123456789"
      When I get "digits.txt" with the range "bytes=2-5"
      Then the request succeeds with HTTP 206
      And the body is "2345"
      And the content range is "bytes 2-5/10"

    Scenario: A suffix range returns the last bytes
      Given the object "digits.txt" contains "0123456789"
      When I get "digits.txt" with the range "bytes=-3"
      Then the request succeeds with HTTP 206
      And the body is "789"

    Scenario: A range starting past the end fails with InvalidRange
      Given the object "digits.txt" contains "0123456789"
      When I get "digits.txt" with the range "bytes=20-30"
      Then the request fails with HTTP 416 InvalidRange

    Scenario: A suffix range of an empty object returns the empty object with 200
      RFC 9110 (14.1.1) counts a non-zero suffix range of an empty representation as satisfiable, and no
      Content-Range can describe zero bytes, so the whole empty object is served, as moto does; tail readers
      (Trino's readTail, for example) rely on it. A range with a first byte of an empty object stays InvalidRange.
      Given the object "empty.txt" contains ""
      When I get "empty.txt" with the range "bytes=-3"
      Then the request succeeds with HTTP 200
      And the body is ""
      When I get "empty.txt" with the range "bytes=0-"
      Then the request fails with HTTP 416 InvalidRange

  Rule: Conditional reads compare the ETag

    Scenario: If-None-Match with the current ETag answers 304 Not Modified
      Given the object "cached.txt" contains "same"
      When I get "cached.txt" with If-None-Match set to its ETag
      Then the request fails with HTTP 304

    Scenario: If-Match with another ETag answers 412 Precondition Failed
      Given the object "cached.txt" contains "same"
      When I get "cached.txt" with If-Match set to '"0123456789abcdef0123456789abcdef"'
      Then the request fails with HTTP 412 PreconditionFailed

    Scenario: If-Match with the current ETag returns the object
      Given the object "cached.txt" contains "same"
      When I get "cached.txt" with If-Match set to its ETag
      Then the request succeeds
      And the body is "same"

    Scenario: The star matches any current object: If-Match * returns it, If-None-Match * answers 304
      RFC 9110 (13.1.1, 13.1.2): "*" stands for any current representation. moto compares "*" as an ETag (412 for
      If-Match) and ignores it for If-None-Match (200); the differential run declares both.
      Given the object "cached.txt" contains "same"
      When I get "cached.txt" with If-Match set to "*"
      Then the request succeeds
      And the body is "same"
      When I get "cached.txt" with If-None-Match set to "*"
      Then the request fails with HTTP 304

  Rule: Response headers can be overridden per request

    Scenario: response-content-type replaces the stored content type in the answer
      Given the object "data.bin" contains "{}"
      When I get "data.bin" asking for the response content type "application/json"
      Then the content type is "application/json"
