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
/// EDB022: moves the bound of <c>[MaxLength(n)]</c> onto the member's own [EdgeKey]/[EdgeIndex] as <c>MaxLength = n</c>
/// and removes the DataAnnotations attribute, whose constructor draws IL2026 under Native AOT.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceMaxLengthCodeFixProvider)), Shared]
public sealed class ReplaceMaxLengthCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ProblemIds.TrimUnsafeMaxLength);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var maxLength = root?.FindNode(context.Span).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
        var member = maxLength?.Ancestors().FirstOrDefault(n => n is PropertyDeclarationSyntax or ParameterSyntax);
        if (maxLength is null || member is null || maxLength.ArgumentList?.Arguments.Count != 1 || Lists(member).SelectMany(l => l.Attributes).FirstOrDefault(IsEdgeAttribute) is not { } edge)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create($"Write MaxLength = {maxLength.ArgumentList.Arguments[0]} on [{edge.Name}]", ct => MoveAsync(context.Document, member, maxLength, edge, ct), nameof(ReplaceMaxLengthCodeFixProvider)),
            context.Diagnostics);
    }

    private static bool IsEdgeAttribute(AttributeSyntax attribute) => SyntaxHelpers.IsNamed(attribute, "EdgeKey") || SyntaxHelpers.IsNamed(attribute, "EdgeIndex");

    private static SyntaxList<AttributeListSyntax> Lists(SyntaxNode member) =>
        member is PropertyDeclarationSyntax property ? property.AttributeLists : ((ParameterSyntax)member).AttributeLists;

    private static async Task<Document> MoveAsync(Document document, SyntaxNode member, AttributeSyntax maxLength, AttributeSyntax edge, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var bound = SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("MaxLength")), null, maxLength.ArgumentList!.Arguments[0].Expression);
        var arguments = edge.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var existing = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "MaxLength");
        var newEdge = edge.WithArgumentList(existing is null ? arguments.AddArguments(bound) : arguments.ReplaceNode(existing, bound)).NormalizeWhitespace().WithTriviaFrom(edge);

        var lists = SyntaxFactory.List<AttributeListSyntax>();
        foreach (var list in Lists(member))
        {
            var kept = list.Attributes.Where(a => a != maxLength).Select(a => a == edge ? newEdge : a).ToList();
            if (kept.Count > 0)
            {
                lists = lists.Add(list.WithAttributes(SyntaxFactory.SeparatedList(kept)));
            }
        }

        var newMember = member is PropertyDeclarationSyntax property
            ? (SyntaxNode)property.WithAttributeLists(lists)
            : ((ParameterSyntax)member).WithAttributeLists(lists);
        return document.WithSyntaxRoot(root!.ReplaceNode(member, newMember.WithLeadingTrivia(member.GetLeadingTrivia())));
    }
}
