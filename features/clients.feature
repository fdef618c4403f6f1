Feature: Other S3 clients
  Besides the AWS SDK for .NET and the AWS CLI v2, the everyday S3 clients work with only the endpoint, the key
  and the region configured: the AWS CLI v1, boto3, the AWS SDK for JavaScript v3, rclone and s3cmd, each with its
  default settings (checksums included). A client missing on the machine fails its scenario
  (tests/run-all.sh installs them from Debian's packages and npm; the AWS CLI v1, which Debian does not package,
  is used where a python3 has it).

  Rule: Each client puts, lists, gets and deletes

    Scenario Outline: <client> puts, lists, gets and deletes an object
      Given a local file "hello.txt" containing "hello from <client>"
      When the client "<client>" uploads "hello.txt" as "smoke/hello.txt"
      Then the object "smoke/hello.txt" contains "hello from <client>"
      And the client "<client>" lists "smoke/" as "smoke/hello.txt"
      And the client "<client>" downloads "smoke/hello.txt" as "back.txt" containing "hello from <client>"
      When the client "<client>" deletes "smoke/hello.txt"
      Then the object "smoke/hello.txt" does not exist

      Examples:
        | client                    |
        | AWS CLI v1                |
        | boto3                     |
        | AWS SDK for JavaScript v3 |
        | rclone                    |
        | s3cmd                     |
