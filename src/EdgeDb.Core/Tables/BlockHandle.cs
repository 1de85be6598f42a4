namespace EdgeDb.Tables;

/// <summary>Where a block's stored bytes are: its offset in the file and their size, trailer not included.</summary>
internal readonly record struct BlockHandle(long Offset, int Size)
{
    /// <summary>The offset just past the block's trailer.</summary>
    public long End => Offset + Size + TableFormat.TrailerSize;
}
