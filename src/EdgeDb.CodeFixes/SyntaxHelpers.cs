using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeDb.CodeFixes;

/// <summary>Small syntax edits the fixes share.</summary>
internal static class SyntaxHelpers
{
    /// <summary>The document's own line ending, so an inserted line matches its neighbours.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode root) =>
        root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } eol ? eol : SyntaxFactory.CarriageReturnLineFeed;

    /// <summary>Adds <c>using <paramref name="ns"/>;</c> after the file's usings, unless the file or one of its namespaces already has it.</summary>
    public static CompilationUnitSyntax EnsureUsing(CompilationUnitSyntax root, string ns)
    {
        var present = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns);
        if (present)
        {
            return root;
        }

        var eol = EndOfLine(root);
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns).WithLeadingTrivia(SyntaxFactory.Space)).WithTrailingTrivia(eol);
        if (root.Usings.Count > 0)
        {
            return root.WithUsings(root.Usings.Add(directive));
        }

        // A file without usings: the new one goes first, a blank line before what follows.
        var first = root.GetFirstToken();
        return root.ReplaceToken(first, first.WithLeadingTrivia(first.LeadingTrivia.Insert(0, eol)))
            .WithUsings(SyntaxFactory.SingletonList(directive));
    }

    /// <summary>True when <paramref name="attribute"/> names <paramref name="shortName"/> (with or without the Attribute suffix or a qualifier).</summary>
    public static bool IsNamed(AttributeSyntax attribute, string shortName)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
        return name == shortName || name == shortName + "Attribute";
    }
}
