using Microsoft.CodeAnalysis.CSharp;

namespace EdgeDb.SourceModel;

/// <summary>Names of generated parameters.</summary>
internal static class Naming
{
    // Names the generated method bodies use for their own locals and parameters.
    private static readonly string[] s_reserved = { "entity", "entities", "key", "keyBytes", "writer", "reader", "store", "batch", "value" };

    /// <summary>camelCase of a property name, made a valid identifier that clashes with no generated local.</summary>
    public static string ParameterName(string propertyName)
    {
        var name = propertyName.Length > 0 && char.IsUpper(propertyName[0])
            ? char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1)
            : propertyName;
        if (System.Array.IndexOf(s_reserved, name) >= 0)
        {
            name += "Part";
        }

        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
