namespace EdgeDb.Fuzz;

/// <summary>
/// A fuzz input: one flags byte, then the file's bytes. Bit 0 asks the target to repair the file's checksums after
/// the mutation (so the fuzzer reaches the code behind them; plain AFL stops at the first CRC), bits 1-2 choose a
/// variant of the target (the WAL recovery mode, say).
/// </summary>
internal readonly ref struct FuzzInput
{
    public FuzzInput(ReadOnlySpan<byte> input)
    {
        Flags = input.IsEmpty ? (byte)0 : input[0];
        File = input.IsEmpty ? [] : input[1..];
    }

    public byte Flags { get; }

    public ReadOnlySpan<byte> File { get; }

    public bool RepairChecksums => (Flags & 1) != 0;

    public int Variant => (Flags >> 1) & 3;
}
