using S3Spec.Differential.Model;

namespace S3Spec.Differential.Generation;

/// <summary>
/// Seeded random operation sequences: the same seed always gives the same steps. A step's client stack is drawn among
/// the stacks that can express it (<see cref="Expressible"/>).
/// </summary>
internal sealed class SequenceGenerator
{
    private static readonly (Op Op, int Weight)[] Weights =
    [
        (Op.Put, 18), (Op.Get, 10), (Op.Head, 6), (Op.Copy, 6), (Op.Delete, 5), (Op.DeleteObjects, 3), (Op.ListV1, 6),
        (Op.ListV2, 8), (Op.Create, 4), (Op.UploadPart, 8), (Op.UploadPartCopy, 3), (Op.ListParts, 3), (Op.ListUploads, 2),
        (Op.Complete, 4), (Op.Abort, 2), (Op.CreateBucket, 1),
    ];

    private static readonly string?[] Prefixes = [null, null, "", "a", "a/", "a/b", "d/", "m", "é", ".", "/", "a//", "x", "日", ".s3compat_uploads/", "a/./"];
    private static readonly string?[] Delimiters = [null, null, "/", "/", "a", "b", "é", "/b", "."];
    private static readonly int?[] MaxKeys = [null, null, 0, 1, 1, 2, 2, 3, 5, 1000, 1001];
    private static readonly string[] Ranges =
        ["bytes=0-0", "bytes=0-9", "bytes=5-", "bytes=-3", "bytes=-0", "bytes=100-200", "bytes=9999999-", "bytes=3-1", "bytes=0-1,3-4", "items=0-1", "bytes=", "bytes=0-99999999"];

    private static readonly string[] CopyRanges = ["bytes=0-9", "bytes=0-0", "bytes=0-99999", "bytes=5-2", "bytes=-3"];
    private static readonly string[] DateForms = ["imf", "imf", "imf", "rfc850", "asctime"];
    private static readonly int[] DateOffsets = [-86400, -2, 0, 0, 2, 86400];

    private readonly Random random;
    private readonly List<string> keys;
    private readonly List<Step> steps = [];
    private readonly Dictionary<int, List<int>> uploadParts = [];
    private readonly Dictionary<int, string> uploadKeys = [];

    private SequenceGenerator(int seed)
    {
        random = new Random(seed);
        keys = KeyGrammar.Namespace(random, 10 + random.Next(6));
    }

    public static List<Step> Generate(int seed, int count)
    {
        var generator = new SequenceGenerator(seed);
        for (var i = 0; i < count; i++)
        {
            generator.steps.Add(generator.WithStack(generator.Next()));
        }

        return generator.steps;
    }

    private Step WithStack(Step step)
    {
        var stacks = Enum.GetValues<ClientStack>().Where(s => Expressible.By(s, step)).ToArray();
        return step with { Stack = stacks[random.Next(stacks.Length)] };
    }

    private Step Next()
    {
        var total = Weights.Sum(w => w.Weight);
        var pick = random.Next(total);
        var op = Weights.First(w => (pick -= w.Weight) < 0).Op;
        return op switch
        {
            Op.Put => Put(),
            Op.Get or Op.Head => Read(op),
            Op.Copy => Copy(),
            Op.Delete => new Step { Op = op, Key = AnyKey() },
            Op.DeleteObjects => DeleteObjects(),
            Op.ListV1 or Op.ListV2 => List(op),
            Op.Create => Create(),
            Op.UploadPart or Op.UploadPartCopy => Part(op),
            Op.ListParts => OfUpload(new Step { Op = op, Upload = AnUpload(), MaxParts = Pick<int?>([null, null, 1, 2]), PartNumberMarker = Pick<int?>([null, null, 1, 2]) }),
            Op.ListUploads => new Step { Op = op, Prefix = Pick(Prefixes), Delimiter = Pick(Delimiters), MaxKeys = Pick<int?>([null, null, 1, 2, 1000]), KeyMarker = Chance(4) ? AnyKey() : null },
            Op.Complete => Complete(),
            Op.Abort => OfUpload(new Step { Op = op, Upload = AnUpload() }),
            Op.CreateBucket => new Step { Op = op, Key = Chance(2) ? "newbucket-" + random.Next(100) : "Bad_Bucket" },
            _ => throw new InvalidOperationException(op.ToString()),
        };
    }

    private Step Put()
    {
        var key = WriteKey();
        var marker = key.EndsWith('/');
        var size = marker && !Chance(5) ? 0 : BodySize();
        return new Step
        {
            Op = Op.Put,
            Key = key,
            BodySize = size,
            BodySeed = random.Next(),
            Meta = ValueGrammar.Meta(random),
            ContentHeaders = ValueGrammar.ContentHeaders(random),
            ContentMd5 = Md5Mode(),
            IfNoneMatch = Chance(10) ? Ref.Lit(Chance(10) ? "\"abc\"" : "*") : null,
            IfMatch = Chance(12) ? (Chance(3) ? Ref.Lit(SideBogusEtag()) : Ref.EtagOf(key)) : null,
        };
    }

    private Step Read(Op op)
    {
        var key = AnyKey();
        return new Step
        {
            Op = op,
            Key = key,
            Range = Chance(4) ? Pick(Ranges) : null,
            IfMatch = Chance(8) ? Pick([Ref.EtagOf(key), Ref.Lit("*"), Ref.Lit(SideBogusEtag()), Ref.Lit("W/\"x\"")]) : null,
            IfNoneMatch = Chance(8) ? Pick([Ref.EtagOf(key), Ref.Lit("*"), Ref.Lit(SideBogusEtag())]) : null,
            IfModifiedSince = Chance(8) ? DateRef(key) : null,
            IfUnmodifiedSince = Chance(8) ? DateRef(key) : null,
        };
    }

    private Step Copy()
    {
        var key = WriteKey();
        var source = Chance(10) ? key : AnyKey();
        var replace = Chance(3);
        return new Step
        {
            Op = Op.Copy,
            Key = key,
            SourceKey = source,
            MetadataDirective = replace ? "REPLACE" : Chance(3) ? "COPY" : null,
            Meta = replace ? ValueGrammar.Meta(random) : null,
            ContentHeaders = replace ? ValueGrammar.ContentHeaders(random) : null,
        };
    }

    private Step DeleteObjects()
    {
        var n = 1 + random.Next(4);
        var list = Enumerable.Range(0, n).Select(_ => AnyKey()).Distinct().ToList();
        return new Step { Op = Op.DeleteObjects, Keys = list, Quiet = Chance(3) };
    }

    private Step List(Op op) => new()
    {
        Op = op,
        Prefix = Pick(Prefixes),
        Delimiter = Pick(Delimiters),
        MaxKeys = Pick(MaxKeys),
        EncodingType = Chance(3) ? "url" : null,
        Marker = op == Op.ListV1 && Chance(2) ? (Chance(4) ? Ref.Lit(AnyKey()) : Ref.NextMarker()) : null,
        StartAfter = op == Op.ListV2 && Chance(5) ? AnyKey() : null,
        ContinuationToken = op == Op.ListV2 && Chance(3) ? (Chance(8) ? Ref.Lit("bogus-token") : Ref.NextMarker()) : null,
    };

    private Step Create()
    {
        var key = Chance(15) ? Pick(KeyGrammar.Refused) : Pick(keys);
        uploadParts[steps.Count] = [];
        uploadKeys[steps.Count] = key;
        return new Step { Op = Op.Create, Key = key, Meta = ValueGrammar.Meta(random), ContentHeaders = ValueGrammar.ContentHeaders(random) };
    }

    private Step Part(Op op)
    {
        var upload = AnUpload();
        var part = Chance(20) ? Pick([0, 10001, -1]) : 1 + random.Next(4);
        if (uploadParts.TryGetValue(upload, out var parts) && !parts.Contains(part))
        {
            parts.Add(part);
        }

        var size = Chance(10) ? 1 + random.Next(99) : 100 + random.Next(700);
        return OfUpload(new Step
        {
            Op = op,
            Upload = upload,
            PartNumber = part,
            BodySize = op == Op.UploadPart ? size : 0,
            BodySeed = random.Next(),
            ContentMd5 = op == Op.UploadPart ? Md5Mode() : null,
            SourceKey = op == Op.UploadPartCopy ? AnyKey() : null,
            Range = op == Op.UploadPartCopy && Chance(2) ? Pick(CopyRanges) : null,
        });
    }

    private Step Complete()
    {
        var upload = AnUpload();
        var parts = uploadParts.GetValueOrDefault(upload, [1]).Where(p => p is >= 1 and <= 10000).Order().ToList();
        if (parts.Count > 1 && Chance(4))
        {
            parts = parts.Take(1 + random.Next(parts.Count)).ToList();
        }

        var list = parts.Select(p => new PartRef(p, Ref.PartEtag(upload, p))).ToList();
        switch (random.Next(14))
        {
            case 0 when list.Count > 1:
                list.Reverse();
                break;
            case 1 when list.Count > 0:
                list[0] = list[0] with { ETag = Ref.Lit(SideBogusEtag()) };
                break;
            case 2:
                list.Add(new PartRef(9, Ref.PartEtag(upload, 9)));
                break;
            case 3:
                list.Clear();
                break;
            case 4 when list.Count > 0:
                list.Add(list[^1]);
                break;
        }

        var key = uploadKeys.GetValueOrDefault(upload, "a");
        return OfUpload(new Step
        {
            Op = Op.Complete,
            Upload = upload,
            Parts = list,
            IfNoneMatch = Chance(10) ? Ref.Lit("*") : null,
            IfMatch = Chance(12) ? (Chance(3) ? Ref.Lit(SideBogusEtag()) : Ref.EtagOf(key)) : null,
        });
    }

    private Step OfUpload(Step step) => step with { Key = uploadKeys.GetValueOrDefault(step.Upload, "a") };

    private int AnUpload()
    {
        if (uploadParts.Count == 0 || Chance(20))
        {
            return -1;
        }

        var all = uploadParts.Keys.ToList();
        return Chance(2) ? all[^1] : all[random.Next(all.Count)];
    }

    private string WriteKey() => random.Next(100) switch
    {
        < 6 => Pick(KeyGrammar.Refused),
        < 11 => Pick(KeyGrammar.Markers),
        _ => Pick(keys),
    };

    private string AnyKey() => random.Next(100) switch
    {
        < 4 => Pick(KeyGrammar.Refused),
        < 8 => Pick(KeyGrammar.Markers),
        < 11 => Pick(["a/", "d/", "a/b/", "nothing-here"]),
        _ => Pick(keys),
    };

    private int BodySize() => random.Next(10) switch
    {
        0 => 0,
        < 5 => 1 + random.Next(64),
        < 9 => 65 + random.Next(4000),
        _ => 4096 + random.Next(70000),
    };

    private string? Md5Mode() => random.Next(40) switch
    {
        < 3 => "valid",
        < 5 => "wrong",
        5 => "empty",
        6 => "blank",
        7 => "short",
        8 => "garbage",
        _ => null,
    };

    private Ref DateRef(string key) => Chance(5)
        ? Ref.Lit(Pick(["Mon, 01 Jan 1990 00:00:00 GMT", "Fri, 01 Jan 2100 00:00:00 GMT", "not a date"]))
        : Ref.DateOf(key, Pick(DateOffsets), Pick(DateForms));

    private string SideBogusEtag() => Running.SideState.BogusEtag;

    private bool Chance(int oneIn) => random.Next(oneIn) == 0;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
