using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HybridRec.Serving.Endpoints;

/// <summary>
/// Turns an exception escaping a HybridRec handler into a generic 500 problem (the exception is logged, never sent),
/// whatever the host's middleware — a Development host's exception page would otherwise show the stack trace.
/// </summary>
internal sealed partial class UnhandledExceptionFilter(ILogger<UnhandledExceptionFilter> log) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (!(e is OperationCanceledException && context.HttpContext.RequestAborted.IsCancellationRequested))
        {
            LogUnhandled(e, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return Problems.ServerError();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);
}
