namespace EdgeDb.Generators;

/// <summary>The names of the generator's incremental steps, which the caching tests look up.</summary>
public static class TrackingNames
{
    /// <summary>Every [EdgeCollection] type read into its model.</summary>
    public const string Collections = "EdgeDb.Collections";

    /// <summary>The models the generator can serve.</summary>
    public const string Servable = "EdgeDb.Servable";

    /// <summary>The repositories to register, one per servable collection.</summary>
    public const string Registrations = "EdgeDb.Registrations";

    /// <summary>Every registration of the compilation, collected.</summary>
    public const string AllRegistrations = "EdgeDb.AllRegistrations";

    /// <summary>The assembly's name and whether it references the DI abstractions.</summary>
    public const string RegistrationTarget = "EdgeDb.RegistrationTarget";

    /// <summary>The input of the registration source.</summary>
    public const string RegistrationSource = "EdgeDb.RegistrationSource";
}
