namespace EdgeDb.Generators;

/// <summary>One repository that <c>AddEdgeDb</c> registers.</summary>
/// <param name="RepositoryFullName">The repository's fully qualified name.</param>
internal sealed record RepositoryRegistration(string RepositoryFullName) : System.IEquatable<RepositoryRegistration>;

/// <summary>What the registration depends on besides the collections.</summary>
/// <param name="AssemblyName">The compilation's assembly name, which makes the extension class's name unique.</param>
/// <param name="ReferencesDependencyInjection">True when IServiceCollection is available.</param>
internal sealed record RegistrationTarget(string AssemblyName, bool ReferencesDependencyInjection);
