using System.Reflection;

namespace PPipe.Frontend.Tests.Infrastructure;

/// <summary>
/// A grain reference handed out by <see cref="UnansweringGrains"/>: a call its factory names fails as Orleans fails it (a
/// faulted task, not a throw at the call); any other reaches the real grain.
/// </summary>
public class UnansweringGrain : DispatchProxy
{
    private static readonly MethodInfo FailedTask = typeof(Task).GetMethods()
        .Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethodDefinition);

    private object _grain = null!;
    private UnansweringGrains _factory = null!;

    internal void Attach(object grain, UnansweringGrains factory)
    {
        _grain = grain;
        _factory = factory;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (_factory.FailureOf(targetMethod) is not { } failure)
        {
            try
            {
                return targetMethod.Invoke(_grain, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }

        var returns = targetMethod.ReturnType;
        return returns == typeof(Task) ? Task.FromException(failure)
            : returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>) ? FailedTask.MakeGenericMethod(returns.GetGenericArguments()).Invoke(null, [failure])
            : throw new NotSupportedException($"{targetMethod.Name} returns {returns.Name}: make it fail some other way.");
    }
}
