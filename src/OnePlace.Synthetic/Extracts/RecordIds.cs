using System.Globalization;

namespace OnePlace.Synthetic.Extracts;

/// <summary>
/// Record identifiers in the style of each partner's own system (GP "GP000123", hospital MRN "RBK1234567",
/// council "ASC-00012345", voluntary "VCS123456", community "CH0012345"). The number is an affine permutation of
/// the record's sequence within the partner, so ids are unique, look unordered, and reveal nothing about the
/// true person or about the same person's id at another partner.
/// </summary>
internal sealed class RecordIds
{
    private readonly string prefix;
    private readonly int digits;
    private readonly long range;
    private readonly long multiplier;
    private readonly long offset;
    private long next;

    public RecordIds(string prefix, int digits, int seed, int partnerSalt)
    {
        this.prefix = prefix;
        this.digits = digits;
        range = (long)Math.Pow(10, digits);

        // Any multiplier coprime to 10^digits (odd and not a multiple of 5) is a bijection on 0..10^digits - 1;
        // one near the golden section of the range scatters consecutive records across it.
        long golden = (long)(range * 0.6180339887) + partnerSalt;
        while (golden % 2 == 0 || golden % 5 == 0)
        {
            golden++;
        }

        multiplier = golden;
        offset = (long)(((ulong)(uint)seed * 0x9E3779B1UL) + ((ulong)partnerSalt * 104_729UL)) % range;
    }

    public long Capacity => range;

    public string Next()
    {
        if (next >= range)
        {
            throw new InvalidOperationException($"More than {range} records for prefix {prefix}.");
        }

        long number = ((multiplier * next++) + offset) % range;
        return prefix + number.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
