namespace S3Spec.Auth.Keys;

/// <summary>Looks access keys up by id.</summary>
public interface IKeyStore
{
    AccessKey? Find(string accessKeyId);
}
