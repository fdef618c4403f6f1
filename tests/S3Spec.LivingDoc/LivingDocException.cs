namespace S3Spec.LivingDoc;

/// <summary>An input is missing or invalid; the message is printed as is and the tool exits non-zero.</summary>
internal sealed class LivingDocException(string message) : Exception(message);
