namespace EdgeDb.SourceModel;

/// <summary>
/// The types a key part or an indexed member may have (docs/key-encoding.md). Each name is also the suffix
/// of the KeyWriter/KeyReader method that encodes it (WriteInt32, ReadString, ...).
/// </summary>
internal enum KeyKind
{
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Char,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Int128,
    UInt128,
    Single,
    Double,
    Decimal,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    String,
    Bytes,
}
