using System.Buffers.Binary;

namespace EdgeDb.Fuzz;

/// <summary>
/// The quick, dependency-free mutator (AFL++ is the long-run engine): byte flips, interesting values written over
/// lengths and counts, inserted and deleted runs, splices of two inputs. Checksums are then repaired by the target
/// for most inputs (the flags byte), which is what makes it structure-aware.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly uint[] Interesting = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 256 * 1024 * 1024];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] input, byte[] other)
    {
        var bytes = new List<byte>(input.Length > 0 ? input[1..] : []);
        var steps = 1 + _random.Next(4);
        for (var i = 0; i < steps; i++)
        {
            MutateOnce(bytes, other);
        }

        // Three in four inputs ask for their checksums to be repaired; the variant bits are random.
        var flags = (byte)((_random.Next(4) == 0 ? 0 : 1) | (_random.Next(4) << 1));
        return [flags, .. bytes];
    }

    private void MutateOnce(List<byte> bytes, byte[] other)
    {
        if (bytes.Count == 0)
        {
            bytes.Add((byte)_random.Next(256));
            return;
        }

        var at = _random.Next(bytes.Count);
        switch (_random.Next(7))
        {
            case 0:
                bytes[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                bytes[at] = (byte)_random.Next(256);
                break;
            case 2:
            {
                // An interesting value over a little-endian u32, where lengths and counts live.
                var value = Interesting[_random.Next(Interesting.Length)];
                Span<byte> encoded = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32LittleEndian(encoded, value);
                for (var i = 0; i < 4 && at + i < bytes.Count; i++)
                {
                    bytes[at + i] = encoded[i];
                }

                break;
            }

            case 3:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + _random.Next(64)));
                break;
            case 4:
                bytes.InsertRange(at, Enumerable.Range(0, 1 + _random.Next(64)).Select(_ => (byte)_random.Next(256)));
                break;
            case 5:
                bytes.InsertRange(at, Enumerable.Repeat((byte)_random.Next(256), 1 + _random.Next(300)));
                break;
            default:
            {
                // Splice: the head of this input with the tail of another.
                if (other.Length > 1)
                {
                    var from = 1 + _random.Next(other.Length - 1);
                    bytes.RemoveRange(at, bytes.Count - at);
                    bytes.AddRange(other[from..]);
                }

                break;
            }
        }
    }
}
