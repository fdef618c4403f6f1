namespace S3Spec.Storage.Multipart;

/// <summary>
/// The durable steps of a CompleteMultipartUpload, in order. Tests stop a Complete right after one of them as a crash
/// would (<see cref="Completer.StepHook"/>, <see cref="SimulatedCrash"/>); the shipped server never sets the hook.
/// </summary>
internal enum CompleteStep
{
    /// <summary>The upload folder is renamed to <c>.completing-&lt;id&gt;</c> and its completer lock is held.</summary>
    Claimed,

    /// <summary>The object's file is ready (the placed parts' data file adopted, or the parts copied into a temp file).</summary>
    Assembled,

    /// <summary>The completion intent (the object about to be published and the answer) is in the claimed folder.</summary>
    IntentWritten,

    /// <summary>The object is published under its key.</summary>
    Published,

    /// <summary>The completion record <c>&lt;id&gt;.done</c> is written; the claimed folder is not yet removed.</summary>
    Recorded,
}
