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
