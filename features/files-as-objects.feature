@needs-data-root
Feature: Files on the volume are objects
  A pod that mounts the volume and the S3 API see the same files. A file written on disk is an object
  at once, and an object written over S3 is a plain file with the same bytes.

  Scenario: A file written on disk is an object with a stable ETag that is not an MD5
    Given the file "models/weights.bin" is written on the volume's disk with "0123456789"
    When I head "models/weights.bin" twice
    Then both answers have the same ETag
    And the ETag contains "-"
    And the content length is 10

  Scenario: A file written on disk reads back over S3
    Given the file "logs/run.log" is written on the volume's disk with "epoch 1 done"
    When I get "logs/run.log"
    Then the body is "epoch 1 done"

  Scenario: An object put over S3 is a file with the same bytes
    When I put "outputs/result.json" with the content '{"loss": 0.1}'
    Then the volume's disk has the file "outputs/result.json" containing '{"loss": 0.1}'

  Scenario: An empty directory on disk is listed as a "dir/" key
    Given the empty directory "checkpoints" is made on the volume's disk
    And the file "readme.txt" is written on the volume's disk with "hi"
    When I list with ListObjectsV2
    Then the listed keys are:
      | key          |
      | checkpoints/ |
      | readme.txt   |

  Scenario: Rewriting a file on disk changes its ETag and drops its S3 metadata
    When I put "config.yaml" with the content "lr: 0.1" and the headers:
      | header             | value |
      | x-amz-meta-purpose | train |
    And I head "config.yaml"
    Then the metadata "purpose" is "train"
    Given I remember the ETag
    When the file "config.yaml" is rewritten on the volume's disk with "lr: 0.2"
    And I head "config.yaml"
    Then the ETag differs from the remembered one
    And there is no metadata "purpose"

  Scenario: A symbolic link that leads out of the volume is never served
    Given the file "secret.txt" exists in the data root with "top secret"
    And the symbolic link "escape.txt" on the volume's disk points to "../secret.txt"
    When I get "escape.txt"
    Then the request fails
    And the body read is not "top secret"

  Scenario: A FIFO on disk is not listed as an object
    Given the FIFO "pipe" is made on the volume's disk
    And the file "real.txt" is written on the volume's disk with "real"
    When I list with ListObjectsV2
    Then the listed keys are:
      | key      |
      | real.txt |
