Feature: Copying objects
  CopyObject copies a file, within a volume or from one volume to another, without the client
  downloading it. The metadata is copied unless the request replaces it.

  Scenario: Copying within a volume duplicates the bytes and the metadata
    Given I put "src/a.txt" with the content "copy me" and the headers:
      | header          | value      |
      | Content-Type    | text/plain |
      | x-amz-meta-tag  | one        |
    When I copy "src/a.txt" to "dst/a.txt"
    Then the request succeeds
    When I get "dst/a.txt"
    Then the body is "copy me"
    And the metadata "tag" is "one"
    And the content type is "text/plain"
    And the object "src/a.txt" contains "copy me"

  Scenario: The REPLACE directive replaces the metadata
    Given I put "src/b.txt" with the content "body" and the headers:
      | header         | value |
      | x-amz-meta-tag | old   |
    When I copy "src/b.txt" to "dst/b.txt" replacing the metadata with:
      | header         | value |
      | x-amz-meta-tag | new   |
    And I get "dst/b.txt"
    Then the metadata "tag" is "new"

  Scenario: A copy whose source ETag does not match fails with 412
    Given the object "src/c.txt" contains "x"
    When I copy "src/c.txt" to "dst/c.txt" if the source ETag matches '"00000000000000000000000000000000"'
    Then the request fails with HTTP 412 PreconditionFailed
    And the object "dst/c.txt" does not exist

  Scenario: A source key that needs URL-encoding is copied
    Given the object "src/with space & #hash.txt" contains "encoded"
    When I copy "src/with space & #hash.txt" to "dst/plain.txt"
    Then the request succeeds
    And the object "dst/plain.txt" contains "encoded"

  @needs-data-root
  Scenario: Copying across volumes
    Given the object "shared/model.bin" contains "weights"
    And a second volume
    When I copy "shared/model.bin" to "imported/model.bin" in the second volume
    Then the request succeeds
    And the second volume's object "imported/model.bin" contains "weights"
