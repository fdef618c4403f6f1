Feature: Listing objects
  ListObjects (v1) and ListObjectsV2 walk the volume's directory tree in the order of the keys'
  UTF-8 bytes. A delimiter folds everything below a "/" into CommonPrefixes, and long listings are
  paged with a marker (v1) or a continuation token (v2) that never repeats.

  Background:
    Given the volume holds the objects:
      | key                |
      | docs/a.txt         |
      | docs/b.txt         |
      | docs/guides/x.md   |
      | images/cat.png     |
      | readme.md          |

  Rule: A prefix and a delimiter list one directory level

    Scenario: The root level shows files and common prefixes
      When I list with ListObjectsV2 using:
        | parameter | value |
        | delimiter | /     |
      Then the listed keys are:
        | key       |
        | readme.md |
      And the common prefixes are:
        | prefix  |
        | docs/   |
        | images/ |

    Scenario: A prefix ending in "/" lists that directory
      When I list with ListObjectsV2 using:
        | parameter | value |
        | prefix    | docs/ |
        | delimiter | /     |
      Then the listed keys are:
        | key        |
        | docs/a.txt |
        | docs/b.txt |
      And the common prefixes are:
        | prefix       |
        | docs/guides/ |

    Scenario: Without a delimiter every key below the prefix is listed
      When I list with ListObjectsV2 using:
        | parameter | value |
        | prefix    | docs  |
      Then the listed keys are:
        | key              |
        | docs/a.txt       |
        | docs/b.txt       |
        | docs/guides/x.md |

  Rule: ListObjects v1 pages with a marker

    Scenario: A truncated v1 listing with a delimiter names the next marker
      When I list with ListObjects using:
        | parameter | value |
        | delimiter | /     |
        | max-keys  | 2     |
      Then the listing is truncated
      And the listed keys are:
        | key |
      And the common prefixes are:
        | prefix  |
        | docs/   |
        | images/ |
      And the next marker is "images/"

    Scenario: Listing from a marker continues after it
      When I list with ListObjects using:
        | parameter | value  |
        | delimiter | /      |
        | marker    | images/ |
      Then the listed keys are:
        | key       |
        | readme.md |
      And the listing is not truncated

  Rule: ListObjectsV2 pages with a continuation token and can start after a key

    Scenario: Paging through 25 keys 10 at a time returns each key once and never repeats a token
      Given the volume holds 25 objects named "pages/item-{0:D2}.txt"
      When I page through ListObjectsV2 under "pages/" with max-keys 10
      Then 3 pages were returned
      And the pages together list 25 keys, each once, in order
      And no continuation token was repeated

    Scenario: start-after skips the keys up to and including it
      When I list with ListObjectsV2 using:
        | parameter   | value      |
        | start-after | docs/b.txt |
      Then the listed keys are:
        | key              |
        | docs/guides/x.md |
        | images/cat.png   |
        | readme.md        |

  Rule: Keys are ordered by their UTF-8 bytes

    Scenario: Keys sort by UTF-8 bytes, with a directory sorting as "name/"
      Given the volume holds the objects:
        | key          |
        | order/a0     |
        | order/B      |
        | order/~      |
        | order/é      |
        | order/ｚ      |
        | order/😀     |
        | order/a-b    |
        | order/a.txt  |
        | order/a/c    |
      When I list with ListObjectsV2 using:
        | parameter | value  |
        | prefix    | order/ |
      Then the listed keys are:
        | key       |
        | order/B     |
        | order/a-b   |
        | order/a.txt |
        | order/a/c   |
        | order/a0    |
        | order/~     |
        | order/é     |
        | order/ｚ     |
        | order/😀    |

  Rule: encoding-type=url lets any key travel in the XML

    Scenario: Keys with special characters come back intact with encoding-type url
      Given the volume holds the objects:
        | key                     |
        | enc/plus+and space.txt  |
        | enc/percent%41.txt      |
        | enc/amp&lt.txt          |
      When I list with ListObjectsV2 using:
        | parameter     | value |
        | prefix        | enc/  |
        | encoding-type | url   |
      Then the listed keys are:
        | key                    |
        | enc/amp&lt.txt         |
        | enc/percent%41.txt     |
        | enc/plus+and space.txt |

  Rule: A prefix that can begin no key lists nothing, and the staging folder is never listed
    A key's segments are never empty, "." or "..", so a prefix with such a complete segment (a leading "/", "//",
    "a/./", "a/../") lists nothing, whatever the delimiter, marker or start-after; it is not read as a path. As the
    last, unfinished segment "." and ".." are ordinary text: "dots/." begins "dots/.hidden". The multipart staging
    folder `.s3compat_uploads/` is never listed, whatever the prefix, marker or start-after.

    @needs-own-volume
    Scenario Outline: <operation> with the prefix "<prefix>" lists nothing
      When I start a multipart upload of "pending.bin"
      And I upload part 1 with 5 bytes
      And I send a PUT with the content "x" to the raw path "<prefix>x"
      Then the request fails with HTTP 400
      When I list the volume root with <operation> using:
        | parameter | value       |
        | prefix    | <prefix>    |
        | delimiter | <delimiter> |
      Then nothing is listed

      Examples:
        | operation     | prefix      | delimiter |
        | ListObjectsV2 | /           |           |
        | ListObjects   | /           |           |
        | ListObjectsV2 | /           | /         |
        | ListObjects   | /docs/      | /         |
        | ListObjectsV2 | //          |           |
        | ListObjectsV2 | /.s3compat_uploads/ |   |
        | ListObjectsV2 | ./          |           |
        | ListObjectsV2 | docs/./     |           |
        | ListObjects   | docs/../docs/ | /       |

    Scenario: "." and ".." at the end of a prefix are ordinary text
      Given the volume holds the objects:
        | key          |
        | dots/.hidden |
        | dots/..x     |
      When I list with ListObjectsV2 using:
        | parameter | value   |
        | prefix    | dots/.  |
      Then the listed keys are:
        | key          |
        | dots/..x     |
        | dots/.hidden |
      When I list with ListObjectsV2 using:
        | parameter | value   |
        | prefix    | dots/.. |
      Then the listed keys are:
        | key      |
        | dots/..x |

    @needs-own-volume @needs-data-root
    Scenario: The staging folder never appears, whatever the prefix, marker or start-after
      When I start a multipart upload of "pending.bin"
      And I upload part 1 with 5 bytes
      Then the volume's staging folder holds part files
      When I list the volume root with ListObjectsV2 using:
        | parameter | value |
        | prefix    | .s    |
      Then nothing is listed
      When I list the volume root with ListObjectsV2 using:
        | parameter   | value              |
        | start-after | .s3compat_uploads/ |
        | delimiter   | /                  |
      Then no listed key or common prefix lies in the staging folder
      When I list the volume root with ListObjects using:
        | parameter | value             |
        | marker    | .s3compat_uploads |
      Then no listed key or common prefix lies in the staging folder

  Rule: Prefix, delimiter, markers and tokens are echoed exactly as sent
    Whitespace travels as XML character references (`&#x20;`, `&#xA;`, `&#xD;`, `&#x9;`), so a parser reads back
    exactly the value sent; an empty continuation token is echoed empty. A control character XML 1.0 cannot carry is
    echoed percent-encoded with encoding-type=url; without it the request is refused with 400 InvalidArgument.
    (In the tables `\s`, `\t`, `\r`, `\n` and `\xNN` stand for a space, tab, CR, LF and any character.)

    Scenario Outline: ListObjectsV2 echoes the prefix, delimiter and start-after "<value>" exactly
      When I list the volume root with ListObjectsV2 using the exact values:
        | parameter   | value   |
        | prefix      | <value> |
        | delimiter   | <value> |
        | start-after | <value> |
      Then the listing echoes exactly:
        | element    | value   |
        | Prefix     | <value> |
        | Delimiter  | <value> |
        | StartAfter | <value> |

      Examples:
        | value        |
        | \s           |
        | \n           |
        | \t           |
        | \r           |
        | \r\n         |
        | \sa\tb\s     |

    Scenario: ListObjects echoes whitespace in prefix, delimiter and marker exactly
      When I list the volume root with ListObjects using the exact values:
        | parameter | value |
        | prefix    | \n    |
        | delimiter | \s    |
        | marker    | \r    |
      Then the listing echoes exactly:
        | element   | value |
        | Prefix    | \n    |
        | Delimiter | \s    |
        | Marker    | \r    |

    Scenario: An empty continuation token is echoed and lists from the start
      Given the volume holds the objects:
        | key   |
        | a.txt |
      When I list the volume root with ListObjectsV2 using the exact values:
        | parameter          | value |
        | continuation-token |       |
      Then the listing echoes exactly:
        | element           | value |
        | ContinuationToken |       |

    Scenario Outline: A control character in the <parameter> is echoed url-encoded with encoding-type=url and refused without it
      When I list the volume root with <operation> using the exact values:
        | parameter     | value     |
        | <parameter>   | a\x01b    |
        | encoding-type | url       |
      Then the listing echoes exactly:
        | element   | value |
        | <element> | a%01b |
      When I list the volume root with <operation> using the exact values:
        | parameter   | value  |
        | <parameter> | a\x01b |
      Then the request fails with HTTP 400 InvalidArgument

      Examples:
        | operation     | parameter   | element    |
        | ListObjectsV2 | prefix      | Prefix     |
        | ListObjectsV2 | delimiter   | Delimiter  |
        | ListObjectsV2 | start-after | StartAfter |
        | ListObjects   | prefix      | Prefix     |
        | ListObjects   | marker      | Marker     |

    @needs-data-root
    Scenario: A key XML 1.0 cannot carry is listed only with encoding-type=url
      Given a file named "ctl/a\x01b" is written on the volume's disk
      And a file named "ctl/plain" is written on the volume's disk
      When I list the volume root with ListObjectsV2 using:
        | parameter | value |
        | prefix    | ctl/  |
      Then the listed keys from the volume root are:
        | key       |
        | ctl/plain |
      When I list the volume root with ListObjectsV2 using:
        | parameter     | value |
        | prefix        | ctl/  |
        | encoding-type | url   |
      Then the listed keys from the volume root are:
        | key         |
        | ctl/a%01b   |
        | ctl/plain   |

  Rule: aws s3 ls shows directories and files

    Scenario: aws s3 ls lists one level, with directories as PRE
      When I run "aws s3 ls s3://VOLUME/"
      Then the command succeeds
      And the output has a line matching "PRE docs/"
      And the output has a line matching "PRE images/"
      And the output has a line matching "readme.md"
      And the output has no line matching "a.txt"

    Scenario: aws s3 ls --recursive lists every file
      When I run "aws s3 ls s3://VOLUME/ --recursive"
      Then the command succeeds
      And the output has a line matching "docs/guides/x.md"
      And the output has a line matching "images/cat.png"
      And the output has no line matching "PRE"
