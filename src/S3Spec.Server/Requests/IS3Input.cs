namespace S3Spec.Server.Requests;

/// <summary>An operation's input, generated from the spec: every value its handler reads, extracted in one pass.</summary>
internal interface IS3Input<TSelf>
    where TSelf : IS3Input<TSelf>
{
    static abstract TSelf From(HttpContext context);
}
