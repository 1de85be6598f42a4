using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using EdgeDb.SourceModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeDb.Analyzers;

/// <summary>
/// Across the whole compilation, at its end: two collections with one name (EDB008) would share a keyspace, and two
/// keyspace names (collections or indexes) whose 5-byte prefixes collide (EDB021) make the store's catalogue refuse
/// the second one when it is opened.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CollectionNameAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DuplicateCollectionName, DiagnosticDescriptors.KeyspaceCollision);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var collections = new ConcurrentBag<Collection>();
            start.RegisterSymbolAction(c => Collect(c, collections), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(c => Report(c, collections));
        });
    }

    private static void Collect(SymbolAnalysisContext context, ConcurrentBag<Collection> collections)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = SymbolFacts.CollectionAttribute(type);
        if (attribute is null || CollectionModelReader.Read(type, context.CancellationToken) is not { } model
            || !CollectionModelReader.IsValidCollectionName(model.CollectionName))
        {
            return;
        }

        var location = SymbolFacts.CollectionNameLocation(attribute, SymbolFacts.TypeLocation(type, attribute, context.CancellationToken), context.CancellationToken);
        collections.Add(new Collection(model, type.ToDisplayString(), location));
    }

    private static void Report(CompilationAnalysisContext context, ConcurrentBag<Collection> collections)
    {
        // Sorted so that which of two types is reported against which does not depend on analysis order.
        var sorted = collections.OrderBy(c => c.DisplayName, System.StringComparer.Ordinal).ToList();
        foreach (var group in sorted.GroupBy(c => c.Model.CollectionName, System.StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateCollectionName, other.Location, group.Key, other.DisplayName, first.DisplayName));
            }
        }

        // Each distinct keyspace name once (a duplicate collection name is EDB008's), by its prefix.
        var owners = new Dictionary<string, string>();
        var reported = new HashSet<string>();
        foreach (var collection in sorted)
        {
            var names = new List<(string Name, byte[] Prefix)> { (collection.Model.CollectionName, KeyspacePrefix.ForCollection(collection.Model.CollectionName)) };
            names.AddRange(collection.Model.Indexes.Select(i => (KeyspacePrefix.IndexName(collection.Model.CollectionName, i.Name), KeyspacePrefix.ForIndex(collection.Model.CollectionName, i.Name))));
            foreach (var (name, prefix) in names)
            {
                var hex = string.Join(" ", prefix.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
                if (!owners.TryGetValue(hex, out var owner))
                {
                    owners.Add(hex, name);
                }
                else if (owner != name && reported.Add(hex))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyspaceCollision, collection.Location, owner, name, hex));
                }
            }
        }
    }

    private sealed record Collection(CollectionModel Model, string DisplayName, Location Location);
}
