Feature: Deleting objects
  DeleteObject removes the file. It is idempotent: deleting a key that is not there also answers
  204. Directories that only existed to hold the deleted file go with it; directories made on
  purpose (a "dir/" object, or on disk) stay.

  Scenario: Deleting an object removes it
    Given the object "tmp/scratch.txt" contains "bye"
    When I delete "tmp/scratch.txt"
    Then the request succeeds with HTTP 204
    And the object "tmp/scratch.txt" does not exist

  Scenario: Deleting a key that does not exist also answers 204
    When I delete "never-was.txt"
    Then the request succeeds with HTTP 204

  Scenario: Deleting twice answers 204 both times
    Given the object "twice.txt" contains "x"
    When I delete "twice.txt"
    And I delete "twice.txt"
    Then the request succeeds with HTTP 204

  @needs-data-root
  Scenario: Parent directories made implicitly by a put are removed with the last object
    Given the object "a/b/c/deep.txt" contains "deep"
    And the volume's disk has the directory "a/b/c"
    When I delete "a/b/c/deep.txt"
    Then the request succeeds with HTTP 204
    And listing the volume shows no keys
    And the volume's disk has no directory "a"

  @needs-data-root
  Scenario: A directory created explicitly stays after its last object is deleted
    Given the object "keep/" contains ""
    And the object "keep/file.txt" contains "x"
    When I delete "keep/file.txt"
    Then listing the volume shows exactly the keys "keep/"
    And the volume's disk has the directory "keep"
