using System.Globalization;

namespace EdgeDb.Tables;

/// <summary>Table file names: the file number in decimal, zero-padded to at least 8 digits, then ".sst".</summary>
internal static class TableFileNames
{
    public const string Extension = ".sst";

    public static string FileName(ulong fileNumber) => fileNumber.ToString("D8", CultureInfo.InvariantCulture) + Extension;

    /// <summary>Parses a name written by <see cref="FileName"/>; false for anything else (temp files, other digits).</summary>
    public static bool TryParse(string fileName, out ulong fileNumber)
    {
        fileNumber = 0;
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = fileName.AsSpan(0, fileName.Length - Extension.Length);
        if (digits.Length < 8)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        // A longer name than 8 digits must not carry a leading zero, so each number has exactly one name.
        if (digits.Length > 8 && digits[0] == '0')
        {
            return false;
        }

        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out fileNumber);
    }
}
