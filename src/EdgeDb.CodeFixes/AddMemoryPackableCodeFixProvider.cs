using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using EdgeDb.SourceModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeDb.CodeFixes;

/// <summary>EDB009: adds <c>[MemoryPackable]</c> on its own line above the type's attributes, and <c>using MemoryPack;</c> when missing.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMemoryPackableCodeFixProvider)), Shared]
public sealed class AddMemoryPackableCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ProblemIds.NotMemoryPackable);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var declaration = root?.FindToken(context.Span.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (declaration is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Add [MemoryPackable]", ct => FixAsync(context.Document, declaration, ct), nameof(AddMemoryPackableCodeFixProvider)),
            context.Diagnostics);
    }

    private static async Task<Document> FixAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var eol = SyntaxHelpers.EndOfLine(root!);

        // The declaration's leading trivia (doc comment, indentation) moves onto the new first line; the old first
        // line keeps only its indentation.
        var leading = declaration.GetLeadingTrivia();
        var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
        var packable = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("MemoryPackable"))))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(eol);
        var stripped = declaration.WithLeadingTrivia(indentation);
        var fixedDeclaration = stripped.WithAttributeLists(stripped.AttributeLists.Insert(0, packable));

        var fixedRoot = root!.ReplaceNode(declaration, fixedDeclaration);
        if (fixedRoot is CompilationUnitSyntax unit)
        {
            fixedRoot = SyntaxHelpers.EnsureUsing(unit, "MemoryPack");
        }

        return document.WithSyntaxRoot(fixedRoot);
    }
}
