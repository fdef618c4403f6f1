namespace S3Spec.Auth;

/// <summary>Looks access keys up by id.</summary>
public interface IKeyStore
{
    AccessKey? Find(string accessKeyId);
}
