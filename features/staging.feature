Feature: The multipart staging folder
  Parts of a multipart upload wait in the hidden folder `.s3compat_uploads/` of the volume until the upload is
  completed or aborted. The folder is never listed and is not an object: any request that names it as a key is
  refused with 403 AccessDenied. Parts are files, so they survive a restart of the server. Uploads left untouched
  for AbandonedUploadDays days (an opt-in setting) are aborted at start-up and then every hour.

  Rule: The staging folder is never an object

    Scenario: Parts in progress do not appear in listings
      When I start a multipart upload of "pending.bin"
      And I upload part 1 with 5 bytes
      And I list with ListObjectsV2
      Then the listed keys are:
        | key |
      When I list with ListObjects using:
        | parameter | value |
      Then the listed keys are:
        | key |

    @needs-own-volume
    Scenario Outline: <method> of a key inside .s3compat_uploads is refused with AccessDenied
      When I start a multipart upload of "pending.bin"
      And I upload part 1 with 5 bytes
      And I send a <method> to the volume's key ".s3compat_uploads/<name>"
      Then the request fails with HTTP 403 AccessDenied
      And the upload's parts are "1"

      Examples:
        | method | name      |
        | GET    | x         |
        | PUT    | x         |
        | DELETE | x         |
        | GET    | .tmp/y    |
        | DELETE | .tmp      |

    @needs-own-volume
    Scenario: HEAD of a key inside .s3compat_uploads answers 403 (a HEAD answer has no body to name the code)
      When I start a multipart upload of "pending.bin"
      And I send a HEAD to the volume's key ".s3compat_uploads/x"
      Then the request fails with HTTP 403

  @needs-data-root
  Rule: The parts are files on the volume until Complete or Abort

    Scenario: The parts are in the staging folder and gone after Complete
      When I start a multipart upload of "done.bin"
      And I upload part 1 with 5 bytes
      Then the volume's staging folder holds part files
      When I complete the upload with the parts "1"
      Then the request succeeds
      And the volume's staging folder holds no part file

  @needs-server-control
  Rule: A part survives a restart of the server

    Scenario: An upload started before a restart completes after it
      Given a server with the settings:
        | setting | value |
      When I start a multipart upload of "restart.bin"
      And I upload part 1 with 100 bytes
      And the server restarts
      And I upload part 2 with 50 bytes
      And I list the multipart uploads
      Then the upload of "restart.bin" is listed
      When I complete the upload with the parts "1,2"
      Then the request succeeds
      And the object "restart.bin" is the 150 bytes of the parts in order

  @needs-server-control @needs-data-root
  Rule: AbandonedUploadDays aborts uploads left untouched

    Scenario: An upload untouched for longer than AbandonedUploadDays is gone after a restart
      Given a server with the settings:
        | setting             | value |
        | AbandonedUploadDays | 2     |
      When I start a multipart upload of "old.bin"
      And I upload part 1 with 5 bytes
      And I start a second multipart upload of "fresh.bin"
      And the first upload's staging files were last touched 3 days ago
      And the server restarts
      And I list the multipart uploads
      Then only the upload of "fresh.bin" is listed
      And the volume's staging folder holds no files of the first upload
