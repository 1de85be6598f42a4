using System.Globalization;

namespace EdgeDb.Storage;

/// <summary>What a file in a store directory is, judged by its name alone.</summary>
internal enum StoreFileKind
{
    /// <summary>Not a name the store writes: never touched.</summary>
    Foreign,

    /// <summary>A WAL segment, <c>NNNNNNNN.wal</c>.</summary>
    Segment,

    /// <summary>A WAL segment being created, <c>NNNNNNNN.wal.tmp</c>.</summary>
    SegmentTemp,

    /// <summary>A sorted table, <c>NNNNNNNN.sst</c>.</summary>
    Table,

    /// <summary><c>MANIFEST</c>.</summary>
    Manifest,

    /// <summary><c>MANIFEST.tmp</c>, a manifest being written.</summary>
    ManifestTemp,

    /// <summary><c>LOCK</c>.</summary>
    Lock,
}

/// <summary>
/// Every name the store gives a file (docs/lsm.md, "Files of a store"), and the parse back: numbered files are
/// the number in decimal, zero-padded to at least 8 digits (a longer one without a leading zero, so each number
/// has exactly one name), then the extension.
/// </summary>
internal static class StoreFileNames
{
    public const string Manifest = "MANIFEST";
    public const string Lock = "LOCK";
    public const string SegmentExtension = ".wal";
    public const string TableExtension = ".sst";
    public const string TempSuffix = ".tmp";

    public static string ManifestTemp => Manifest + TempSuffix;

    public static string Segment(ulong number) => Numbered(number, SegmentExtension);

    public static string Table(ulong number) => Numbered(number, TableExtension);

    /// <summary>The name a file is written under before it is renamed to <paramref name="finalName"/>.</summary>
    public static string Temp(string finalName) => finalName + TempSuffix;

    /// <summary>Classifies a file name; <paramref name="number"/> is set for segments and tables.</summary>
    public static StoreFileKind Parse(string fileName, out ulong number)
    {
        number = 0;
        switch (fileName)
        {
            case Manifest:
                return StoreFileKind.Manifest;
            case Lock:
                return StoreFileKind.Lock;
        }

        if (fileName == ManifestTemp)
        {
            return StoreFileKind.ManifestTemp;
        }

        if (TryParseNumbered(fileName, SegmentExtension, out number))
        {
            return StoreFileKind.Segment;
        }

        if (TryParseNumbered(fileName, TableExtension, out number))
        {
            return StoreFileKind.Table;
        }

        if (fileName.EndsWith(TempSuffix, StringComparison.Ordinal)
            && TryParseNumbered(fileName[..^TempSuffix.Length], SegmentExtension, out number))
        {
            return StoreFileKind.SegmentTemp;
        }

        number = 0;
        return StoreFileKind.Foreign;
    }

    private static string Numbered(ulong number, string extension) => number.ToString("D8", CultureInfo.InvariantCulture) + extension;

    private static bool TryParseNumbered(string fileName, string extension, out ulong number)
    {
        number = 0;
        if (!fileName.EndsWith(extension, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = fileName.AsSpan(0, fileName.Length - extension.Length);
        if (digits.Length < 8 || (digits.Length > 8 && digits[0] == '0'))
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
