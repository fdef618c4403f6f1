using System.CommandLine;
using S3Spec.Core.Errors;

namespace S3Spec.Admin.Cli;

/// <summary>
/// Attaches an action to a command so that every failure ends as one line on stderr and an exit code
/// (<see cref="ExitCodes"/>), never a stack trace.
/// </summary>
internal sealed class CommandBinder(GlobalOptions globals)
{
    public delegate Task<int> Run(AdminContext context, ParseResult parse, CancellationToken cancellationToken);

    public void Bind(Command command, Run run) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                return await run(globals.Resolve(parse), parse, cancellationToken).ConfigureAwait(false);
            }
            catch (AdminException e)
            {
                return Fail(error, e.ExitCode, e.Message);
            }
            catch (S3Exception e)
            {
                return Fail(error, ExitCodeOf(e.Error), $"{e.Error.Code}: {e.Message}");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail(error, ExitCodes.Interrupted, "Interrupted.");
            }
            catch (UnauthorizedAccessException e)
            {
                return Fail(error, ExitCodes.Usage, "Permission denied: " + e.Message);
            }
            catch (IOException e)
            {
                return Fail(error, ExitCodes.Usage, e.Message);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Fail(error, ExitCodes.Usage, $"unexpected {e.GetType().Name}: {e.Message}");
            }
        });

    public static int Fail(TextWriter error, int exitCode, string message)
    {
        error.WriteLine("error: " + message.ReplaceLineEndings(" "));
        return exitCode;
    }

    private static int ExitCodeOf(S3Error error) => error.Code switch
    {
        "NoSuchBucket" or "NoSuchKey" => ExitCodes.NotFound,
        "OperationAborted" or "BucketNotEmpty" or "BucketAlreadyExists" => ExitCodes.Conflict,
        _ => ExitCodes.Usage,
    };
}
