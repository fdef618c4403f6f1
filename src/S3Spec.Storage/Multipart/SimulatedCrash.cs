namespace S3Spec.Storage.Multipart;

/// <summary>
/// Thrown by a test's <see cref="Completer.StepHook"/> to stop a Complete where it is, as kill -9 would: no
/// clean-up of the claim runs (descriptors close, so its locks are released as by a dying process).
/// </summary>
internal sealed class SimulatedCrash : Exception
{
    public SimulatedCrash()
        : base("simulated crash")
    {
    }

    public SimulatedCrash(string message)
        : base(message)
    {
    }

    public SimulatedCrash(string message, Exception inner)
        : base(message, inner)
    {
    }
}
