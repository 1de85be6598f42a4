namespace EdgeDb;

/// <summary>Helpers for the bounds of ordered scans over byte keys.</summary>
public static class KeyBounds
{
    /// <summary>
    /// The smallest key greater than every key that starts with <paramref name="prefix"/>, for use as an
    /// exclusive upper bound; null when there is none (the prefix is empty or all 0xFF).
    /// </summary>
    public static byte[]? PrefixSuccessor(ReadOnlySpan<byte> prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] != 0xFF)
            {
                var successor = prefix[..(i + 1)].ToArray();
                successor[i]++;
                return successor;
            }
        }

        return null;
    }
}
