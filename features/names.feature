Feature: Object names are file paths
  An object key is the relative path of a file on the volume, so some keys that plain S3 accepts cannot exist
  here. Each one is refused with its own S3 error code and nothing changes on the volume:
  a file and a directory cannot share a name (409 ObjectParentIsFile, 409 ExistingObjectIsDirectory), a path has no
  empty, "." or ".." segment and no NUL byte (400 InvalidArgument), a file or directory name is at most 255 bytes and
  a key at most 1024 bytes (400 KeyTooLongError), and a "dir/" key is a directory, which has no content
  (400 DirectoryObjectContainsData). Everything else is a legal name and is stored exactly as written, unencoded.

  In raw paths below, `{x*256}` stands for 256 times "x" (percent-encoded when needed).

  Rule: A file and a directory cannot have the same name

    Scenario: "a" is a file, so "a/b" cannot be written
      Given the object "a" contains "file"
      When I put "a/b" with the content "child"
      Then the request fails with HTTP 409 ObjectParentIsFile
      And the object "a" contains "file"
      And listing the volume shows exactly the keys "a"

    Scenario: "a" is a directory holding "a/b", so "a" cannot be written
      Given the object "a/b" contains "child"
      When I put "a" with the content "file"
      Then the request fails with HTTP 409 ExistingObjectIsDirectory
      And the object "a/b" contains "child"
      And listing the volume shows exactly the keys "a/b"

    Scenario: A "dir/" key with content fails with DirectoryObjectContainsData
      When I put "photos/" with the content "not empty"
      Then the request fails with HTTP 400 DirectoryObjectContainsData
      And listing the volume shows no keys

  Rule: A key is a clean relative path of at most 1024 bytes, each name at most 255 bytes

    Scenario Outline: The raw key "<key>" is refused with <code>
      When I send a PUT with the content "x" to the raw path "<key>"
      Then the request fails with HTTP 400 <code>
      And listing the volume shows no keys

      Examples: segments that are not names
        | key          | code            |
        | a//b         | InvalidArgument |
        | a/./b        | InvalidArgument |
        | a/../b       | InvalidArgument |
        | ./b          | InvalidArgument |
        | a/..         | InvalidArgument |

      Examples: names that are too long
        | key                          | code            |
        | {x*256}                      | KeyTooLongError |
        | dir/{é*128}.txt              | KeyTooLongError |

      @needs-own-volume
      Examples: keys that are too long (counted from the volume's root)
        | key                          | code            |
        | {abcdefg/*128}x              | KeyTooLongError |

    Scenario Outline: The raw key "<key>" with a NUL byte is refused before it reaches the volume
      The HTTP server refuses a request target holding a NUL byte (%00) with a plain 400, before the S3 layer
      sees it; a NUL arriving any other way (e.g. in x-amz-copy-source) is InvalidArgument.
      When I send a PUT with the content "x" to the raw path "<key>"
      Then the request fails with HTTP 400
      And listing the volume shows no keys

      Examples:
        | key        |
        | a%00b      |
        | dir/nul%00 |

    Scenario Outline: The raw key "<key>" at the limit is accepted
      When I send a PUT with the content "x" to the raw path "<key>"
      Then the request succeeds

      Examples: names at the limit
        | key                 |
        | {x*255}             |
        | dir/{é*127}x        |

      @needs-own-volume
      Examples: a key at the limit (counted from the volume's root)
        | key                 |
        | {abcdefg/*127}{y*8} |

  Rule: Keys with special characters are stored unencoded and round-trip through every client

    @needs-data-root
    Scenario Outline: The <client> writes and reads "<key>", which is the file "<key>" on disk
      When the <client> puts "<key>" with the content "via <client>"
      Then the <client> reads "<key>" as "via <client>"
      And the volume's disk has the file "<key>" containing "via <client>"
      And listing the volume shows exactly the keys "<key>"

      Examples:
        | client        | key                    |
        | SDK           | issue#42 why?.txt      |
        | CLI           | issue#42 why?.txt      |
        | presigned URL | issue#42 why?.txt      |
        | SDK           | 100% c++ a=1&b=2.txt   |
        | CLI           | 100% c++ a=1&b=2.txt   |
        | presigned URL | 100% c++ a=1&b=2.txt   |
        | SDK           | données/été ☀ 日本.txt  |
        | CLI           | données/été ☀ 日本.txt  |
        | presigned URL | données/été ☀ 日本.txt  |
