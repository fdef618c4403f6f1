Feature: The AWS CLI
  The everyday `aws s3` commands (cp, ls, sync, mv, rm) and the `aws s3api` object commands work
  against a volume with only --endpoint-url added.

  Rule: aws s3

    Scenario: cp uploads and downloads a file
      Given a local file "hello.txt" containing "hello from the CLI"
      When I run "aws s3 cp hello.txt s3://VOLUME/inbox/hello.txt"
      Then the command succeeds
      And the object "inbox/hello.txt" contains "hello from the CLI"
      When I run "aws s3 cp s3://VOLUME/inbox/hello.txt copy.txt"
      Then the command succeeds
      And the local file "copy.txt" contains "hello from the CLI"

    Scenario: sync uploads a directory tree and a second sync uploads nothing
      Given a local file "site/index.html" containing "<h1>hi</h1>"
      And a local file "site/css/main.css" containing "body{}"
      When I run "aws s3 sync site s3://VOLUME/site"
      Then the command succeeds
      And the object "site/index.html" contains "<h1>hi</h1>"
      And the object "site/css/main.css" contains "body{}"
      When I run "aws s3 sync site s3://VOLUME/site"
      Then the command succeeds
      And the output has no line matching "upload"

    Scenario: mv moves an object
      Given the object "old/name.txt" contains "moving"
      When I run "aws s3 mv s3://VOLUME/old/name.txt s3://VOLUME/new/name.txt"
      Then the command succeeds
      And the object "new/name.txt" contains "moving"
      And the object "old/name.txt" does not exist

    Scenario: rm removes an object
      Given the object "trash.txt" contains "x"
      When I run "aws s3 rm s3://VOLUME/trash.txt"
      Then the command succeeds
      And the object "trash.txt" does not exist

    Scenario: rm --recursive removes a directory of objects
      Given the volume holds the objects:
        | key        |
        | run/1.log  |
        | run/2.log  |
      When I run "aws s3 rm s3://VOLUME/run/ --recursive"
      Then the command succeeds
      And listing the volume shows no keys

  Rule: aws s3api

    Scenario: put-object, head-object and get-object
      Given a local file "in.txt" containing "via s3api"
      When I run "aws s3api put-object --bucket VOLUME --key api/in.txt --body in.txt --content-type text/plain"
      Then the command succeeds
      When I run "aws s3api head-object --bucket VOLUME --key api/in.txt"
      Then the command succeeds
      And the output has a line matching '"ContentLength": 9'
      And the output has a line matching '"ContentType": "text/plain"'
      When I run "aws s3api get-object --bucket VOLUME --key api/in.txt out.txt"
      Then the command succeeds
      And the local file "out.txt" contains "via s3api"

    Scenario: list-objects-v2 with a prefix
      Given the volume holds the objects:
        | key         |
        | ls/one.txt  |
        | ls/two.txt  |
        | other.txt   |
      When I run "aws s3api list-objects-v2 --bucket VOLUME --prefix ls/ --query Contents[].Key --output text"
      Then the command succeeds
      And the output has a line matching "ls/one.txt"
      And the output has a line matching "ls/two.txt"
      And the output has no line matching "other.txt"

    Scenario: get-object of a missing key fails with NoSuchKey
      When I run "aws s3api get-object --bucket VOLUME --key nothing/here.txt out.txt"
      Then the command fails
      And the error output mentions "NoSuchKey"
