using System.Globalization;
using System.Linq;
using EdgeDb.SourceModel;

namespace EdgeDb.Generators;

/// <summary>The expressions and statements generated code uses to encode and decode one member.</summary>
internal static class CodeSnippets
{
    public const string Writer = "global::EdgeDb.Internal.KeyWriter";
    public const string Reader = "global::EdgeDb.Internal.KeyReader";

    /// <summary>Largest key buffer taken on the stack; bigger ones are allocated.</summary>
    public const int StackLimit = 1024;

    /// <summary>
    /// Statements that write <paramref name="valueExpression"/> with <paramref name="writer"/>. <paramref name="owner"/>
    /// names where the member belongs, for the message of a value over its MaxLength.
    /// </summary>
    public static void Write(SourceWriter source, KeyMemberModel member, string writer, string valueExpression, string owner)
    {
        var descending = Bool(member.Descending);
        if (member.IsNullable)
        {
            source.Open($"if ({valueExpression} is {{ }} {Local(member)})");
            source.Line($"{writer}.WritePresent({descending});");
            source.Line(WriteCall(member, writer, Local(member), owner));
            source.Close();
            source.Open("else");
            source.Line($"{writer}.WriteNull({descending});");
            source.Close();
        }
        else
        {
            source.Line(WriteCall(member, writer, valueExpression, owner));
        }
    }

    /// <summary>An expression that reads the member with <paramref name="reader"/>.</summary>
    public static string Read(KeyMemberModel member, string reader)
    {
        var descending = Bool(member.Descending);
        var read = $"{reader}.Read{member.Kind}({descending})";
        if (member.EnumTypeName is not null)
        {
            read = $"({member.EnumTypeName}){read}";
        }

        return member.IsNullable ? $"({reader}.ReadPresence({descending}) ? ({member.TypeName}){read} : null)" : read;
    }

    /// <summary>A declaration of a key buffer of <paramref name="size"/> bytes named <paramref name="name"/>.</summary>
    public static string Buffer(string name, string sizeExpression, int size) => size <= StackLimit
        ? $"global::System.Span<byte> {name} = stackalloc byte[{sizeExpression}];"
        : $"global::System.Span<byte> {name} = new byte[{sizeExpression}];";

    public static string Bool(bool value) => value ? "true" : "false";

    public static string ByteArray(byte[] bytes) =>
        "new byte[] { " + string.Join(", ", bytes.Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture))) + " }";

    public static string Literal(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);

    public static string Local(KeyMemberModel member) => "__" + member.Name;

    /// <summary>How a message names a key part: <c>key part 'Id' of collection 'orders'</c>.</summary>
    public static string KeyPartOwner(string collection, KeyMemberModel member) => $"key part '{member.Name}' of collection '{collection}'";

    /// <summary>How a message names an indexed member: <c>index 'Status' of collection 'orders'</c>.</summary>
    public static string IndexOwner(string collection, KeyMemberModel member) => $"index '{member.Name}' of collection '{collection}'";

    private static string WriteCall(KeyMemberModel member, string writer, string value, string owner)
    {
        var descending = Bool(member.Descending);
        if (member.EnumTypeName is not null)
        {
            value = $"({KeyTypes.IntegerKeyword(member.Kind)}){value}";
        }

        return member.Kind switch
        {
            KeyKind.String or KeyKind.Bytes => $"{writer}.Write{member.Kind}({value}, {member.MaxLength.ToString(CultureInfo.InvariantCulture)}, {descending}, {Literal(owner)});",
            _ => $"{writer}.Write{member.Kind}({value}, {descending});",
        };
    }
}
