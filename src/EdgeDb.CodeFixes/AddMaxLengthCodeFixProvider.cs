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
/// EDB005: bounds a string or byte-array key part. Two fixes, the first preferred: <c>MaxLength = 64</c> on the
/// member's own [EdgeKey]/[EdgeIndex] (draws no trim warning under Native AOT), or <c>[MaxLength(64)]</c> from
/// DataAnnotations (whose constructor draws IL2026 under Native AOT). 64 is a starting bound to adjust: a string part
/// then takes at most 194 bytes of the 1 KiB default key.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMaxLengthCodeFixProvider)), Shared]
public sealed class AddMaxLengthCodeFixProvider : CodeFixProvider
{
    /// <summary>The bound the fixes write.</summary>
    public const int DefaultMaxLength = 64;

    /// <summary>Equivalence key of the preferred fix, MaxLength = n on the EdgeDb attribute.</summary>
    public const string NamedArgumentKey = "EdgeDbMaxLengthNamedArgument";

    /// <summary>Equivalence key of the DataAnnotations fix, [MaxLength(n)].</summary>
    public const string DataAnnotationsKey = "EdgeDbMaxLengthAttribute";

    private const string DataAnnotations = "System.ComponentModel.DataAnnotations";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(ProblemIds.MissingMaxLength);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var member = root?.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().FirstOrDefault(n => n is PropertyDeclarationSyntax or ParameterSyntax);
        var attribute = member is null ? null : EdgeAttribute(member);
        if (attribute is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create($"Set MaxLength = {DefaultMaxLength} on [{attribute.Name}]", ct => AddNamedArgumentAsync(context.Document, attribute, ct), NamedArgumentKey),
            context.Diagnostics);
        context.RegisterCodeFix(
            CodeAction.Create($"Add [MaxLength({DefaultMaxLength})]", ct => AddDataAnnotationAsync(context.Document, attribute, ct), DataAnnotationsKey),
            context.Diagnostics);
    }

    /// <summary>The member's [EdgeKey], else its [EdgeIndex].</summary>
    private static AttributeSyntax? EdgeAttribute(SyntaxNode member)
    {
        var lists = member is PropertyDeclarationSyntax property ? property.AttributeLists : ((ParameterSyntax)member).AttributeLists;
        var attributes = lists.SelectMany(l => l.Attributes).ToList();
        return attributes.FirstOrDefault(a => SyntaxHelpers.IsNamed(a, "EdgeKey")) ?? attributes.FirstOrDefault(a => SyntaxHelpers.IsNamed(a, "EdgeIndex"));
    }

    private static async Task<Document> AddNamedArgumentAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var argument = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("MaxLength")),
            null,
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(DefaultMaxLength)));
        var arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();

        // A MaxLength = 0 already there (0 means unset) is replaced rather than repeated.
        var existing = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "MaxLength");
        var list = existing is null ? arguments.AddArguments(argument) : arguments.ReplaceNode(existing, argument);
        var fixedAttribute = attribute.WithArgumentList(list).NormalizeWhitespace().WithTriviaFrom(attribute);
        return document.WithSyntaxRoot(root!.ReplaceNode(attribute, fixedAttribute));
    }

    private static async Task<Document> AddDataAnnotationAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);

        // Into the EdgeDb attribute's own list, so a record parameter's "property:" target applies to it too.
        var list = (AttributeListSyntax)attribute.Parent!;
        var maxLength = SyntaxFactory.Attribute(
            SyntaxFactory.IdentifierName("MaxLength"),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(DefaultMaxLength))))));
        var attributes = list.Attributes.Insert(list.Attributes.IndexOf(attribute) + 1, maxLength);
        var fixedList = list.WithAttributes(SyntaxFactory.SeparatedList(attributes, attributes.Skip(1).Select(_ => SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space))));
        var fixedRoot = root!.ReplaceNode(list, fixedList);
        if (fixedRoot is CompilationUnitSyntax unit)
        {
            fixedRoot = SyntaxHelpers.EnsureUsing(unit, DataAnnotations);
        }

        return document.WithSyntaxRoot(fixedRoot);
    }
}
