using System.Text;

namespace OnePlace.Testing.Hostile;

/// <summary>
/// Mutates valid input into the near-valid input that finds bugs in parsers: byte flips, deletions, duplications,
/// truncation, line swaps, splices of <see cref="HostileStrings"/> and of bytes that break encodings and CSV quoting.
/// Deterministic for a seed, so that a failing case can be replayed from the seed and the case number the test prints.
/// </summary>
public sealed class SeededMutator(int seed)
{
    private static readonly byte[][] Splices =
    [
        .. HostileStrings.All.Select(Encoding.UTF8.GetBytes),
        [0xEF, 0xBB, 0xBF], // UTF-8 byte order mark
        [0xFF, 0xFE], // UTF-16 little-endian byte order mark
        [0xC3], // a UTF-8 sequence cut short
        [0xC0, 0xAF], // an overlong UTF-8 encoding of '/'
        [0xFF],
        "\""u8.ToArray(),
        ",\""u8.ToArray(),
        "\"\n"u8.ToArray(),
        "\r"u8.ToArray(),
        "\n"u8.ToArray(),
        ","u8.ToArray(),
        "{"u8.ToArray(),
        "}"u8.ToArray(),
        "["u8.ToArray(),
        "\"resourceType\":"u8.ToArray(),
        "null"u8.ToArray(),
        "1e999999"u8.ToArray(),
        "\\u0000"u8.ToArray(),
        "\\ud800"u8.ToArray(),
    ];

    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    /// <summary>One to three mutations of <paramref name="input"/>; the input is not changed.</summary>
    public byte[] Mutate(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var bytes = new List<byte>(input);
        int count = 1 + _random.Next(3);
        for (int i = 0; i < count; i++)
        {
            MutateOnce(bytes);
        }

        return [.. bytes];
    }

    private void MutateOnce(List<byte> bytes)
    {
        int at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
        switch (_random.Next(8))
        {
            case 0 when bytes.Count > 0: // flip one bit
                bytes[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when bytes.Count > 0: // set a random byte
                bytes[at] = (byte)_random.Next(256);
                break;
            case 2 when bytes.Count > 0: // delete a run
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + _random.Next(32)));
                break;
            case 3 when bytes.Count > 0: // duplicate a run
                int length = Math.Min(bytes.Count - at, 1 + _random.Next(256));
                bytes.InsertRange(_random.Next(bytes.Count), bytes.GetRange(at, length));
                break;
            case 4: // truncate
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 5: // swap two lines
                SwapLines(bytes);
                break;
            default: // splice in a hostile string or byte sequence, over or between existing bytes
                var splice = Splices[_random.Next(Splices.Length)];
                if (_random.Next(2) == 0 && bytes.Count > 0)
                {
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, splice.Length));
                }

                bytes.InsertRange(Math.Min(at, bytes.Count), splice);
                break;
        }
    }

    private void SwapLines(List<byte> bytes)
    {
        var text = Encoding.Latin1.GetString([.. bytes]).Split('\n');
        if (text.Length < 3)
        {
            return;
        }

        int a = _random.Next(text.Length), b = _random.Next(text.Length);
        (text[a], text[b]) = (text[b], text[a]);
        bytes.Clear();
        bytes.AddRange(Encoding.Latin1.GetBytes(string.Join('\n', text)));
    }
}
