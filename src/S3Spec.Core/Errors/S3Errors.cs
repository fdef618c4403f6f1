namespace S3Spec.Core.Errors;

/// <summary>
/// The single table of S3 errors the server answers. Every error response is built from a row of this
/// table (optionally with a more specific message); nothing else invents codes or statuses.
/// Codes and statuses follow the Amazon S3 error reference; the last group names S3Spec's POSIX-specific
/// refusals (the names follow versitygw where it has one).
/// </summary>
public static class S3Errors
{
    // Authentication and authorization
    public static readonly S3Error AccessDenied = new("AccessDenied", 403, "Access Denied");
    public static readonly S3Error InvalidAccessKeyId = new("InvalidAccessKeyId", 403, "The AWS access key Id you provided does not exist in our records.");
    public static readonly S3Error SignatureDoesNotMatch = new("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    public static readonly S3Error AuthorizationHeaderMalformed = new("AuthorizationHeaderMalformed", 400, "The authorization header is malformed.");
    public static readonly S3Error AuthorizationQueryParametersError = new("AuthorizationQueryParametersError", 400, "Error parsing the X-Amz-Credential parameter.");
    public static readonly S3Error MissingSecurityHeader = new("MissingSecurityHeader", 400, "Your request is missing a required header.");
    public static readonly S3Error RequestTimeTooSkewed = new("RequestTimeTooSkewed", 403, "The difference between the request time and the server's time is too large.");
    public static readonly S3Error ExpiredToken = new("AccessDenied", 403, "Request has expired");
    public static readonly S3Error XAmzContentSHA256Mismatch = new("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
    public static readonly S3Error InvalidSignatureVersion = new("InvalidRequest", 400, "Please use AWS4-HMAC-SHA256.");

    // Request shape
    public static readonly S3Error InvalidArgument = new("InvalidArgument", 400, "Invalid Argument");
    public static readonly S3Error InvalidRequest = new("InvalidRequest", 400, "Invalid Request");
    public static readonly S3Error InvalidURI = new("InvalidURI", 400, "Couldn't parse the specified URI.");
    public static readonly S3Error InvalidBucketName = new("InvalidBucketName", 400, "The specified bucket is not valid.");
    public static readonly S3Error KeyTooLongError = new("KeyTooLongError", 400, "Your key is too long.");
    public static readonly S3Error MetadataTooLarge = new("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size.");
    public static readonly S3Error MalformedXML = new("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema.");
    public static readonly S3Error MissingContentLength = new("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");
    public static readonly S3Error IncompleteBody = new("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header.");
    public static readonly S3Error InvalidDigest = new("InvalidDigest", 400, "The Content-MD5 you specified was invalid.");
    public static readonly S3Error BadDigest = new("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
    public static readonly S3Error ChecksumMismatch = new("BadDigest", 400, "The checksum you specified did not match what we received.");
    public static readonly S3Error InvalidChunkSizeError = new("InvalidChunkSizeError", 400, "Only the last chunk is allowed to have a size less than 8192 bytes");
    public static readonly S3Error IncompleteChunkedBody = new("IncompleteBody", 400, "The aws-chunked body ended before its final chunk.");
    public static readonly S3Error MalformedChunkedBody = new("InvalidRequest", 400, "The aws-chunked body is malformed.");
    public static readonly S3Error EntityTooLarge = new("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed object size.");
    public static readonly S3Error EntityTooSmall = new("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.");
    public static readonly S3Error InvalidRange = new("InvalidRange", 416, "The requested range is not satisfiable");
    public static readonly S3Error InvalidPart = new("InvalidPart", 400, "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.");
    public static readonly S3Error InvalidPartNumber = new("InvalidPartNumber", 416, "The requested partnumber is not satisfiable");
    public static readonly S3Error InvalidPartOrder = new("InvalidPartOrder", 400, "The list of parts was not in ascending order. Parts must be ordered by part number.");
    public static readonly S3Error InvalidStorageClass = new("InvalidStorageClass", 400, "The storage class you specified is not valid.");
    public static readonly S3Error MethodNotAllowed = new("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");
    public static readonly S3Error RequestTimeout = new("RequestTimeout", 400, "Your socket connection to the server was not read from or written to within the timeout period.");

    // Resources
    public static readonly S3Error NoSuchBucket = new("NoSuchBucket", 404, "The specified bucket does not exist");
    public static readonly S3Error NoSuchKey = new("NoSuchKey", 404, "The specified key does not exist.");
    public static readonly S3Error NoSuchUpload = new("NoSuchUpload", 404, "The specified multipart upload does not exist. The upload ID might be invalid, or the multipart upload might have been aborted or completed.");
    public static readonly S3Error NoSuchVersion = new("NoSuchVersion", 404, "The specified version does not exist.");
    public static readonly S3Error BucketAlreadyOwnedByYou = new("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket succeeded and you already own it.");
    public static readonly S3Error BucketAlreadyExists = new("BucketAlreadyExists", 409, "The requested bucket name is not available.");
    public static readonly S3Error VolumeManagedByOperator = new("AccessDenied", 403, "Buckets are network volumes created and removed by the operator, not over the S3 API.");

    // Conditions
    public static readonly S3Error PreconditionFailed = new("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold");
    public static readonly S3Error NotModified = new("NotModified", 304, "Not Modified");
    public static readonly S3Error ConditionalRequestConflict = new("ConditionalRequestConflict", 409, "A conflicting operation occurred. If using PutObject you can retry the request.");
    public static readonly S3Error OperationAborted = new("OperationAborted", 409, "Another hash run is in progress for this volume");

    // Capacity
    public static readonly S3Error InsufficientStorage = new("InsufficientStorage", 507, "The volume does not have enough free space for this request.");
    public static readonly S3Error QuotaExceeded = new("QuotaExceeded", 403, "The disk quota of the volume's owner is exceeded.");

    // Server side
    public static readonly S3Error InternalError = new("InternalError", 500, "We encountered an internal error. Please try again.");
    public static readonly S3Error NotImplemented = new("NotImplemented", 501, "A header or query you provided implies functionality that is not implemented.");
    public static readonly S3Error SlowDown = new("SlowDown", 503, "Please reduce your request rate.");
    public static readonly S3Error ServiceUnavailable = new("ServiceUnavailable", 503, "The server is shutting down; retry the request.");

    // Filesystem answers that are neither the client's fault nor a defect (errno table in docs/storage.md)
    public static readonly S3Error StorageUnavailable = new("ServiceUnavailable", 503, "The volume's storage did not answer (I/O error, or a network or FUSE filesystem stale or disconnected); retry the request.");
    public static readonly S3Error LookupRaced = new("SlowDown", 503, "Directories of the volume were renamed while the key was being looked up; retry the request.");
    public static readonly S3Error ServerResourcesExhausted = new("SlowDown", 503, "The server is out of file descriptors or memory; reduce your request rate.");
    public static readonly S3Error FileBusy = new("OperationAborted", 409, "The file or directory is in use by the system (a mount point or a running program) and cannot be changed now.");
    public static readonly S3Error NameRefusedByVolume = new("InvalidArgument", 400, "The volume's filesystem cannot store this name.");
    public static readonly S3Error UnsupportedByVolume = new("NotImplemented", 501, "The volume's filesystem does not support an operation this request needs.");

    // Object names are file paths (POSIX-specific)
    public static readonly S3Error InvalidObjectName = new("InvalidArgument", 400, "Object names are file paths: a key may not contain an empty, '.' or '..' segment, a NUL byte or a reserved name.");
    public static readonly S3Error SegmentTooLong = new("KeyTooLongError", 400, "A segment of the key (a file or directory name) is longer than 255 bytes.");
    public static readonly S3Error ObjectParentIsFile = new("ObjectParentIsFile", 409, "Object names are file paths: a parent of this key is an existing object (file).");
    public static readonly S3Error ExistingObjectIsDirectory = new("ExistingObjectIsDirectory", 409, "Object names are file paths: this key is a directory that holds other objects.");
    public static readonly S3Error DirectoryObjectContainsData = new("DirectoryObjectContainsData", 400, "A key ending in '/' names a directory and cannot have a body.");
    public static readonly S3Error StagingTampered = new("AccessDenied", 403, "The volume's staging folder .s3compat_uploads holds a symlink or a file where a folder of S3Spec belongs; the operator must remove it.");
    public static readonly S3Error ReservedName = new("AccessDenied", 403, "The volume's staging folder .s3compat_uploads is not addressable as an object.");
    public static readonly S3Error SymlinkOutsideVolume = new("AccessDenied", 403, "The key resolves through a symbolic link that leaves the volume.");
    public static readonly S3Error NotRegularFile = new("AccessDenied", 403, "The key names a special file (FIFO, socket or device), which is never served.");
    public static readonly S3Error ReadOnlyKey = new("AccessDenied", 403, "This access key is read-only.");
}
