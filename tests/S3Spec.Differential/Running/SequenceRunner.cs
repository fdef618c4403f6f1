using S3Spec.Differential.Comparison;
using S3Spec.Differential.Execution;
using S3Spec.Differential.Model;
using S3Spec.Differential.Servers;

namespace S3Spec.Differential.Running;

/// <summary>
/// Runs a sequence in lockstep: each step is resolved for each server, sent through its client stack to S3Spec and
/// then to moto, both answers are normalised and compared, and every difference is explained by the divergence table
/// or recorded as undeclared. A declared divergence that left the servers in different states is reconciled.
/// </summary>
internal sealed class SequenceRunner(Harness harness)
{
    public async Task<SequenceResult> RunAsync(string name, IReadOnlyList<Step> steps, bool stopAtFailure, CancellationToken cancellationToken)
    {
        var bucket = await harness.NewBucketAsync(name);
        try
        {
            var s3specSide = new SideState("s3spec");
            var motoSide = new SideState("moto");
            var motoKeys = new HashSet<string>(StringComparer.Ordinal);
            var records = new List<StepRecord>();
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                var stack = harness.Stacks[step.Stack];
                var dated = step with
                {
                    IfModifiedSince = SideState.SharedDate(step.IfModifiedSince, s3specSide, motoSide),
                    IfUnmodifiedSince = SideState.SharedDate(step.IfUnmodifiedSince, s3specSide, motoSide),
                };
                var toS3Spec = s3specSide.Resolve(dated);
                var toMoto = motoSide.Resolve(dated);
                var fromS3Spec = await stack.SendAsync(harness.S3Spec, bucket, toS3Spec, cancellationToken);
                var fromMoto = await stack.SendAsync(harness.Moto, bucket, toMoto, cancellationToken);
                s3specSide.Learn(i, toS3Spec, fromS3Spec);
                motoSide.Learn(i, toMoto, fromMoto);
                Track(motoKeys, step, fromMoto);
                var a = Normaliser.Normalise(fromS3Spec, s3specSide);
                var b = Normaliser.Normalise(fromMoto, motoSide);
                var differences = Difference.Between(a, b);
                var context = new StepContext(step, a, b, differences, motoKeys) { SentToS3Spec = toS3Spec, SentToMoto = toMoto };
                var (used, unexplained) = differences.Count == 0 ? ([], []) : Divergences.Explain(context);
                var record = new StepRecord(i, step, a, b, differences, used, unexplained);
                records.Add(record);
                if (record.Failed && stopAtFailure)
                {
                    break;
                }

                if (used.Count > 0 && step.Op is Op.ListV1 or Op.ListV2
                    && (!Divergences.Listed(a).SequenceEqual(Divergences.Listed(b)) || a.Field("IsTruncated") != b.Field("IsTruncated")))
                {
                    s3specSide.ResetPaging();
                    motoSide.ResetPaging();
                }

                if (used.Any(d => d.Reconcile) && step.Op is not (Op.Get or Op.Head or Op.ListV1 or Op.ListV2 or Op.ListUploads or Op.ListParts))
                {
                    await ReconcileAsync(bucket, step, toS3Spec with { UploadId = toS3Spec.UploadId ?? s3specSide.UploadOf(i) }, toMoto with { UploadId = toMoto.UploadId ?? motoSide.UploadOf(i) }, cancellationToken);
                    motoKeys.Remove(step.Key);
                }
            }

            return new SequenceResult(name, steps, records);
        }
        finally
        {
            harness.DropBucket(bucket);
        }
    }

    /// <summary>Deletes the step's key (and aborts its upload) on both servers through raw HTTP, which can name any key.</summary>
    private async Task ReconcileAsync(string bucket, Step step, Step toS3Spec, Step toMoto, CancellationToken cancellationToken)
    {
        var raw = harness.Stacks[ClientStack.Raw];
        foreach (var (target, sent) in new[] { (harness.S3Spec, toS3Spec), (harness.Moto, toMoto) })
        {
            if (step.Key.Length > 0 && step.Op != Op.DeleteObjects)
            {
                await raw.SendAsync(target, bucket, new Step { Op = Op.Delete, Key = step.Key }, cancellationToken);
            }

            if (sent.UploadId is { } id)
            {
                await raw.SendAsync(target, bucket, new Step { Op = Op.Abort, Key = step.Key, UploadId = id }, cancellationToken);
            }
        }
    }

    private static void Track(HashSet<string> keys, Step step, Outcome moto)
    {
        if (!moto.Ok)
        {
            return;
        }

        switch (step.Op)
        {
            case Op.Put or Op.Copy or Op.Complete:
                keys.Add(step.Key);
                break;
            case Op.Delete:
                keys.Remove(step.Key);
                break;
            case Op.DeleteObjects:
                foreach (var key in step.Keys ?? [])
                {
                    keys.Remove(key);
                }

                break;
        }
    }
}
