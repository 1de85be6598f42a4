using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EdgeDb.SourceModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeDb.CodeFixes;

/// <summary>
/// EDB007: turns a key part's <c>set</c> into <c>init</c>, keeping its modifiers and body, so the key can only be
/// given while the entity is built. Offered only where a <c>set</c> accessor is written (not for the implicit setters of
/// a positional record struct, whose fix is to make the record struct readonly).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InitAccessorCodeFixProvider)), Shared]
public sealed class InitAccessorCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ProblemIds.MutableKey);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var property = root?.FindToken(context.Span.Start).Parent?.FirstAncestorOrSelf<PropertyDeclarationSyntax>();
        var setter = property?.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.SetAccessorDeclaration));
        if (setter is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create($"Make '{property!.Identifier.ValueText}' init-only", ct => FixAsync(context.Document, setter, ct), nameof(InitAccessorCodeFixProvider)),
            context.Diagnostics);
    }

    private static async Task<Document> FixAsync(Document document, AccessorDeclarationSyntax setter, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var init = SyntaxFactory.AccessorDeclaration(
            SyntaxKind.InitAccessorDeclaration,
            setter.AttributeLists,
            setter.Modifiers,
            SyntaxFactory.Token(setter.Keyword.LeadingTrivia, SyntaxKind.InitKeyword, setter.Keyword.TrailingTrivia),
            setter.Body,
            setter.ExpressionBody,
            setter.SemicolonToken);
        return document.WithSyntaxRoot(root!.ReplaceNode(setter, init));
    }
}
