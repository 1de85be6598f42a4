using Microsoft.CodeAnalysis;

namespace EdgeDb.SourceModel;

/// <summary>The supported key types: which symbols they are, and how many bytes each encodes to (docs/key-encoding.md).</summary>
internal static class KeyTypes
{
    /// <summary>
    /// Classifies <paramref name="type"/>: false when a key part or index cannot have it. Nullable value types
    /// set <paramref name="isNullable"/>; enums report their underlying type's kind and set <paramref name="enumTypeName"/>.
    /// </summary>
    public static bool TryClassify(ITypeSymbol type, out KeyKind kind, out bool isNullable, out string? enumTypeName)
    {
        isNullable = false;
        enumTypeName = null;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            isNullable = true;
            type = nullable.TypeArguments[0];
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            enumTypeName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            type = underlying;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            kind = KeyKind.Bytes;
            return !isNullable;
        }

        kind = type.SpecialType switch
        {
            SpecialType.System_Boolean => KeyKind.Boolean,
            SpecialType.System_Byte => KeyKind.Byte,
            SpecialType.System_SByte => KeyKind.SByte,
            SpecialType.System_Int16 => KeyKind.Int16,
            SpecialType.System_UInt16 => KeyKind.UInt16,
            SpecialType.System_Char => KeyKind.Char,
            SpecialType.System_Int32 => KeyKind.Int32,
            SpecialType.System_UInt32 => KeyKind.UInt32,
            SpecialType.System_Int64 => KeyKind.Int64,
            SpecialType.System_UInt64 => KeyKind.UInt64,
            SpecialType.System_Single => KeyKind.Single,
            SpecialType.System_Double => KeyKind.Double,
            SpecialType.System_Decimal => KeyKind.Decimal,
            SpecialType.System_DateTime => KeyKind.DateTime,
            SpecialType.System_String => KeyKind.String,
            _ => (KeyKind)(-1),
        };
        if ((int)kind >= 0)
        {
            return true;
        }

        if (type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true } && type is INamedTypeSymbol { Arity: 0 })
        {
            switch (type.Name)
            {
                case "Guid": kind = KeyKind.Guid; return true;
                case "DateTimeOffset": kind = KeyKind.DateTimeOffset; return true;
                case "DateOnly": kind = KeyKind.DateOnly; return true;
                case "TimeOnly": kind = KeyKind.TimeOnly; return true;
                case "TimeSpan": kind = KeyKind.TimeSpan; return true;
                case "Int128": kind = KeyKind.Int128; return true;
                case "UInt128": kind = KeyKind.UInt128; return true;
            }
        }

        return false;
    }

    /// <summary>True for the kinds whose members need [MaxLength].</summary>
    public static bool NeedsMaxLength(KeyKind kind) => kind is KeyKind.String or KeyKind.Bytes;

    /// <summary>The most bytes a value of <paramref name="kind"/> encodes to (without a nullable marker).</summary>
    public static int MaxEncodedLength(KeyKind kind, int maxLength) => kind switch
    {
        KeyKind.Boolean or KeyKind.Byte or KeyKind.SByte => 1,
        KeyKind.Int16 or KeyKind.UInt16 or KeyKind.Char => 2,
        KeyKind.Int32 or KeyKind.UInt32 or KeyKind.Single or KeyKind.DateOnly => 4,
        KeyKind.Int64 or KeyKind.UInt64 or KeyKind.Double or KeyKind.TimeOnly or KeyKind.TimeSpan => 8,
        KeyKind.DateTime => 9,
        KeyKind.DateTimeOffset => 10,
        KeyKind.Int128 or KeyKind.UInt128 or KeyKind.Guid => 16,
        KeyKind.Decimal => 26,
        KeyKind.String => (3 * (long)maxLength) + 2 > int.MaxValue / 2 ? int.MaxValue / 2 : (3 * maxLength) + 2,
        KeyKind.Bytes => (2 * (long)maxLength) + 2 > int.MaxValue / 2 ? int.MaxValue / 2 : (2 * maxLength) + 2,
        _ => 0,
    };

    /// <summary>The C# keyword of an enum's underlying integer type, for the casts generated code needs.</summary>
    public static string IntegerKeyword(KeyKind kind) => kind switch
    {
        KeyKind.Byte => "byte",
        KeyKind.SByte => "sbyte",
        KeyKind.Int16 => "short",
        KeyKind.UInt16 => "ushort",
        KeyKind.Int32 => "int",
        KeyKind.UInt32 => "uint",
        KeyKind.Int64 => "long",
        KeyKind.UInt64 => "ulong",
        _ => kind.ToString(),
    };
}
