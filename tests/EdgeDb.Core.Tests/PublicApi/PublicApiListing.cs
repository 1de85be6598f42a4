using System.ComponentModel;
using System.Reflection;
using System.Text;

namespace EdgeDb.Tests.PublicApi;

/// <summary>
/// Writes an assembly's public surface as sorted text, one line per type and member, with nullability, so that a
/// checked-in copy of it (<c>src/EdgeDb.Core/PublicAPI.txt</c>) makes every change to the API show up in review.
/// </summary>
internal static class PublicApiListing
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Of(Assembly assembly)
    {
        var nullability = new NullabilityInfoContext();
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            var hidden = IsHidden(type) ? "[hidden] " : "";
            lines.Add($"{hidden}{Kind(type)} {Name(type)}{Bases(type)}");
            foreach (var member in type.GetMembers(Declared).Where(IsVisible))
            {
                if (Describe(member, nullability) is { } line)
                {
                    lines.Add($"{hidden}{Name(type)}.{line}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines) + '\n';
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        ConstructorInfo ctor => IsAccessible(ctor),
        MethodBase method => IsAccessible(method) && !method.IsSpecialName,
        FieldInfo field => (field.IsPublic || field.IsFamily) && !field.IsSpecialName,
        PropertyInfo property => property.GetMethod is { } get && IsAccessible(get) || property.SetMethod is { } set && IsAccessible(set),
        EventInfo e => e.AddMethod is { } add && IsAccessible(add),
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily,
        _ => false,
    };

    private static bool IsAccessible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static bool IsHidden(MemberInfo member) =>
        member.GetCustomAttribute<EditorBrowsableAttribute>() is { State: EditorBrowsableState.Never };

    private static string? Describe(MemberInfo member, NullabilityInfoContext nullability) => member switch
    {
        ConstructorInfo ctor => $"{(ctor.IsStatic ? "static " : "")}.ctor({Parameters(ctor, nullability)})",
        MethodInfo method => $"{Modifiers(method)}{method.Name}{GenericArguments(method)}({Parameters(method, nullability)}) -> {TypeName(method.ReturnType, nullability.Create(method.ReturnParameter))}",
        PropertyInfo property => $"{(property.GetMethod ?? property.SetMethod)!.IsStatic switch { true => "static ", false => "" }}{property.Name}{Indexer(property, nullability)} {{ {Accessors(property)}}} -> {TypeName(property.PropertyType, nullability.Create(property))}",
        FieldInfo field => $"{(field.IsLiteral ? "const " : field.IsStatic ? "static " : "")}{(field.IsInitOnly ? "readonly " : "")}{field.Name} -> {TypeName(field.FieldType, nullability.Create(field))}{(field.IsLiteral && !field.FieldType.IsEnum ? " = " + field.GetRawConstantValue() : field.IsLiteral ? " = " + Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture) : "")}",
        EventInfo e => $"event {e.Name} -> {TypeName(e.EventHandlerType!, null)}",
        _ => null,
    };

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? (type.IsByRefLike ? "ref struct" : "struct")
        : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
        : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";

    private static string Bases(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType));
        }

        if (!type.IsEnum)
        {
            // The interfaces the type adds, not those it inherits.
            bases.AddRange(type.GetInterfaces().Except(type.BaseType?.GetInterfaces() ?? []).Select(Name).Order(StringComparer.Ordinal));
        }
        return bases.Count == 0 ? "" : " : " + string.Join(", ", bases);
    }

    private static string Modifiers(MethodInfo method) =>
        (method.IsStatic ? "static " : "") + (method.IsAbstract ? "abstract " : method.IsVirtual && !method.IsFinal && method.GetBaseDefinition() == method ? "virtual " : "");

    private static string GenericArguments(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : "";

    private static string Accessors(PropertyInfo property) =>
        (property.GetMethod is { } get && IsAccessible(get) ? "get; " : "")
        + (property.SetMethod is { } set && IsAccessible(set) ? (set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") ? "init; " : "set; ") : "");

    private static string Indexer(PropertyInfo property, NullabilityInfoContext nullability) =>
        property.GetIndexParameters() is { Length: > 0 } parameters ? "[" + string.Join(", ", parameters.Select(p => Parameter(p, nullability))) + "]" : "";

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability) =>
        string.Join(", ", method.GetParameters().Select(p => Parameter(p, nullability)));

    private static string Parameter(ParameterInfo parameter, NullabilityInfoContext nullability)
    {
        var type = parameter.ParameterType;
        var prefix = "";
        if (type.IsByRef)
        {
            prefix = parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ";
            type = type.GetElementType()!;
        }

        var text = $"{prefix}{TypeName(type, nullability.Create(parameter))} {parameter.Name}";
        return parameter.HasDefaultValue ? text + " = " + (parameter.DefaultValue ?? "null") : text;
    }

    private static string Name(Type type) => TypeName(type, null);

    private static string TypeName(Type type, NullabilityInfo? info)
    {
        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!, info?.ElementType ?? info);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying, null) + "?";
        }

        var nullable = info is { ReadState: NullabilityState.Nullable } && !type.IsValueType ? "?" : "";
        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!, info?.ElementType) + "[]" + nullable;
        }

        if (type.IsGenericParameter)
        {
            return type.Name + nullable;
        }

        var name = new StringBuilder(type.IsNested ? Name(type.DeclaringType!) + "." : (type.Namespace is { Length: > 0 } ns ? ns + "." : ""));
        var simple = type.Name;
        var tick = simple.IndexOf('`', StringComparison.Ordinal);
        name.Append(tick >= 0 ? simple[..tick] : simple);
        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            var own = type.IsNested ? arguments.Skip(type.DeclaringType!.GetGenericArguments().Length).ToArray() : arguments;
            if (own.Length > 0)
            {
                name.Append('<').Append(string.Join(", ", own.Select((a, i) => TypeName(a, info is { GenericTypeArguments.Length: > 0 } && i < info.GenericTypeArguments.Length ? info.GenericTypeArguments[i] : null)))).Append('>');
            }
        }

        return name + nullable;
    }
}
