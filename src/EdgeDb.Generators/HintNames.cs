using System.Text;
using EdgeDb.SourceModel;

namespace EdgeDb.Generators;

/// <summary>Names made from arbitrary text for generated sources (a collection's file name is <see cref="CollectionModel.HintName"/>).</summary>
internal static class HintNames
{
    /// <summary>Letters, digits, dots and underscores only (makes a class name out of an assembly name).</summary>
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
