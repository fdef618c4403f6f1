using S3Spec.Differential.Execution;

namespace S3Spec.Differential.Comparison;

/// <summary>One field on which the two (normalised) answers differ; "status" and "code" are fields too. Null: absent.</summary>
internal sealed record Difference(string Field, string? S3Spec, string? Moto)
{
    public static List<Difference> Between(Outcome s3spec, Outcome moto)
    {
        var list = new List<Difference>();
        if (s3spec.Status != moto.Status)
        {
            list.Add(new("status", s3spec.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), moto.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (s3spec.Code != moto.Code)
        {
            list.Add(new("code", s3spec.Code, moto.Code));
        }

        foreach (var name in s3spec.Fields.Keys.Union(moto.Fields.Keys).Order(StringComparer.Ordinal))
        {
            var a = s3spec.Field(name);
            var b = moto.Field(name);
            if (a != b)
            {
                list.Add(new(name, a, b));
            }
        }

        return list;
    }

    public override string ToString() =>
        $"{Field}: S3Spec {(S3Spec is null ? "(absent)" : Model.HeaderValue.Escape(S3Spec))} | moto {(Moto is null ? "(absent)" : Model.HeaderValue.Escape(Moto))}";
}
