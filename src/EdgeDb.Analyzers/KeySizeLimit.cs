using System.Globalization;
using EdgeDb.SourceModel;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeDb.Analyzers;

/// <summary>
/// The key size limit EDB006 checks: the project's EdgeDbMaxKeySize MSBuild property (made visible to analyzers by
/// the EdgeDb package's CompilerVisibleProperty), else the store's default MaxKeySize of 1 KiB.
/// </summary>
internal static class KeySizeLimit
{
    public const string PropertyName = "EdgeDbMaxKeySize";

    /// <summary>
    /// The limit for this compilation. A value that is not a whole number from 1 to the store's hard limit (64 KiB)
    /// is ignored, as the store itself would refuse it in EdgeStoreOptions.MaxKeySize.
    /// </summary>
    public static int Read(AnalyzerOptions options)
    {
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property." + PropertyName, out var text)
            && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            && limit >= 1 && limit <= ProblemIds.KeySizeLimit)
        {
            return limit;
        }

        return ProblemIds.DefaultMaxKeySize;
    }
}
