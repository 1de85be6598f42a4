using System.Text;
using EdgeDb.SourceModel;

namespace EdgeDb.Generators;

/// <summary>File names of generated sources.</summary>
internal static class HintNames
{
    public static string For(CollectionModel model) =>
        Sanitize((model.Namespace.Length == 0 ? string.Empty : model.Namespace + ".") + model.TypeName) + ".EdgeDb.g.cs";

    /// <summary>Letters, digits and underscores only (also used to make a class name out of an assembly name).</summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '.' ? c : '_');
        }

        return builder.ToString();
    }
}
