using System.Linq.Expressions;
using System.Reflection;

namespace JobRec.Actors.Invocation;

/// <summary>One grain interface method with compiled delegates to invoke it on a grain and to shape its result; no reflection invoke on the call path.</summary>
public sealed class GrainMethod
{
    private static readonly MethodInfo ToTaskOfTMethod = typeof(GrainMethod).GetMethod(nameof(ToTaskOfT), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ToValueTaskOfTMethod = typeof(GrainMethod).GetMethod(nameof(ToValueTaskOfT), BindingFlags.NonPublic | BindingFlags.Static)!;

    internal GrainMethod(GrainInterfaceInfo owner, MethodInfo method, string signature)
    {
        Interface = owner;
        Method = method;
        Signature = signature;
        ParameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        var rt = method.ReturnType;
        (ReturnKind, ResultType) = rt == typeof(Task) ? (GrainMethodReturnKind.Task, null)
            : rt == typeof(ValueTask) ? (GrainMethodReturnKind.ValueTask, (Type?)null)
            : rt.IsGenericType && rt.GetGenericTypeDefinition() == typeof(Task<>) ? (GrainMethodReturnKind.TaskOfT, rt.GetGenericArguments()[0])
            : rt.IsGenericType && rt.GetGenericTypeDefinition() == typeof(ValueTask<>) ? (GrainMethodReturnKind.ValueTaskOfT, rt.GetGenericArguments()[0])
            : throw new ArgumentException($"Grain interface method {owner.Name}.{method.Name} returns {rt.Name}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.");
        Timeout = method.GetCustomAttribute<ResponseTimeoutAttribute>()?.Timeout;
        IsReadOnly = method.IsDefined(typeof(ReadOnlyAttribute), inherit: false);
        Invoker = CompileInvoker();
        ResultGetter = CompileResultGetter();
        ProxyReturn = CompileProxyReturn();
    }

    /// <summary>The interface declaring (or inheriting) the method.</summary>
    public GrainInterfaceInfo Interface { get; }

    /// <summary>The interface method.</summary>
    public MethodInfo Method { get; }

    /// <summary>Stable name of the method on the wire: <c>Name(ParamType1,ParamType2)</c>.</summary>
    public string Signature { get; }

    /// <summary>Declared parameter types.</summary>
    public Type[] ParameterTypes { get; }

    /// <summary>The T of Task{T}/ValueTask{T}; null for Task and ValueTask.</summary>
    public Type? ResultType { get; }

    /// <summary>The awaitable shape the method returns.</summary>
    public GrainMethodReturnKind ReturnKind { get; }

    /// <summary>The method's own timeout from [ResponseTimeout], or null for the default.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Whether the method is marked [ReadOnly]: its calls may run alongside each other on one activation.</summary>
    public bool IsReadOnly { get; }

    /// <summary>Calls the method on a grain instance with boxed arguments and returns its completion as a Task.</summary>
    public Func<object, object?[], Task> Invoker { get; }

    /// <summary>Reads the boxed result of a completed Task returned by <see cref="Invoker"/> (null for void methods).</summary>
    public Func<Task, object?> ResultGetter { get; }

    /// <summary>Turns a Task{object} response into the awaitable the interface method returns.</summary>
    public Func<Task<object?>, object> ProxyReturn { get; }

    /// <summary>Returns <c>Interface.Signature</c>.</summary>
    public override string ToString() => $"{Interface.Name}.{Signature}";

    private Func<object, object?[], Task> CompileInvoker()
    {
        var target = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var callArgs = ParameterTypes.Select((t, i) => (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), t));
        Expression call = Expression.Call(Expression.Convert(target, Method.DeclaringType!), Method, callArgs);
        if (ReturnKind is GrainMethodReturnKind.ValueTask or GrainMethodReturnKind.ValueTaskOfT)
        {
            call = Expression.Call(call, Method.ReturnType.GetMethod(nameof(ValueTask.AsTask))!);
        }

        return Expression.Lambda<Func<object, object?[], Task>>(Expression.Convert(call, typeof(Task)), target, args).Compile();
    }

    private Func<Task, object?> CompileResultGetter()
    {
        if (ResultType is null)
        {
            return static _ => null;
        }

        var task = Expression.Parameter(typeof(Task), "task");
        var result = Expression.Property(Expression.Convert(task, typeof(Task<>).MakeGenericType(ResultType)), "Result");
        return Expression.Lambda<Func<Task, object?>>(Expression.Convert(result, typeof(object)), task).Compile();
    }

    private Func<Task<object?>, object> CompileProxyReturn() => ReturnKind switch
    {
        GrainMethodReturnKind.Task => static t => t,
        GrainMethodReturnKind.ValueTask => static t => new ValueTask(t),
        GrainMethodReturnKind.TaskOfT => ToTaskOfTMethod.MakeGenericMethod(ResultType!).CreateDelegate<Func<Task<object?>, object>>(),
        _ => ToValueTaskOfTMethod.MakeGenericMethod(ResultType!).CreateDelegate<Func<Task<object?>, object>>(),
    };

    private static object ToTaskOfT<T>(Task<object?> response)
    {
        if (response.IsCompletedSuccessfully)
        {
            return Task.FromResult((T)response.Result!);
        }

        return Await(response);

        static async Task<T> Await(Task<object?> r) => (T)(await r.ConfigureAwait(false))!;
    }

    private static object ToValueTaskOfT<T>(Task<object?> response) =>
        response.IsCompletedSuccessfully ? new ValueTask<T>((T)response.Result!) : new ValueTask<T>((Task<T>)ToTaskOfT<T>(response));
}
