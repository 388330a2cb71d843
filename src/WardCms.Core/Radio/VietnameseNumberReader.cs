using System.Globalization;

namespace WardCms.Core.Radio;

// Reads numbers the way ward announcers say them on air (Northern usage: "nghìn", "linh").
public static class VietnameseNumberReader
{
    private static readonly string[] Digits =
        ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

    private const long Billion = 1_000_000_000;

    public static string ReadDigit(int digit) => Digits[digit];

    // Phone numbers, ID numbers and codes are read one digit at a time.
    public static string ReadDigits(string digits)
    {
        var words = new List<string>(digits.Length);
        foreach (var c in digits)
        {
            if (c is >= '0' and <= '9')
            {
                words.Add(Digits[c - '0']);
            }
        }
        return string.Join(' ', words);
    }

    public static string Read(long number)
    {
        if (number == 0)
        {
            return Digits[0];
        }
        if (number < 0)
        {
            // long.MinValue has no positive counterpart; go through decimal for it.
            return "âm " + (number == long.MinValue
                ? ReadPositive(9_223_372_036_854_775_808m)
                : Read(-number));
        }
        return ReadPositive(number);
    }

    // Reads a plain digit string of any length without overflow, ignoring leading zeros.
    public static string ReadInteger(string digits)
    {
        var trimmed = digits.TrimStart('0');
        if (trimmed.Length == 0)
        {
            return Digits[0];
        }
        if (trimmed.Length <= 18)
        {
            return Read(long.Parse(trimmed, CultureInfo.InvariantCulture));
        }
        return ReadDigits(trimmed);
    }

    // The part after "phẩy": leading zeros are said one by one ("không năm"), a short rest as a
    // number ("hai mươi lăm"), a long rest digit by digit as announcers do with 3,14159.
    public static string ReadFraction(string fractionDigits)
    {
        if (fractionDigits.Length == 0)
        {
            return string.Empty;
        }
        var zeros = fractionDigits.Length - fractionDigits.TrimStart('0').Length;
        var rest = fractionDigits[zeros..];
        if (rest.Length > 3)
        {
            return ReadDigits(fractionDigits);
        }
        var words = Enumerable.Repeat(Digits[0], zeros).ToList();
        if (rest.Length > 0)
        {
            words.Add(Read(long.Parse(rest, CultureInfo.InvariantCulture)));
        }
        return string.Join(' ', words);
    }

    public static string ReadDecimal(string integerDigits, string fractionDigits) =>
        fractionDigits.Length == 0
            ? ReadInteger(integerDigits)
            : ReadInteger(integerDigits) + " phẩy " + ReadFraction(fractionDigits);

    // Accepts Vietnamese notation: '.' groups thousands, ',' separates decimals ("1.250,5").
    public static bool TryRead(string text, out string spoken)
    {
        spoken = string.Empty;
        var t = text.Trim();
        var negative = t.StartsWith('-');
        if (negative)
        {
            t = t[1..];
        }
        var parts = t.Split(',');
        if (parts.Length > 2 || parts[0].Length == 0)
        {
            return false;
        }
        var groups = parts[0].Split('.');
        if (groups.Length > 1 && (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3)))
        {
            return false;
        }
        var integer = string.Concat(groups);
        var fraction = parts.Length == 2 ? parts[1] : string.Empty;
        if (!integer.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (parts.Length == 2 && fraction.Length == 0))
        {
            return false;
        }
        spoken = (negative ? "âm " : string.Empty) + ReadDecimal(integer, fraction);
        return true;
    }

    public static string Read(decimal value)
    {
        var s = value.ToString(CultureInfo.InvariantCulture);
        var negative = s.StartsWith('-');
        s = s.TrimStart('-');
        var dot = s.IndexOf('.');
        var spoken = dot < 0 ? ReadInteger(s) : ReadDecimal(s[..dot], s[(dot + 1)..].TrimEnd('0'));
        return negative ? "âm " + spoken : spoken;
    }

    private static string ReadPositive(decimal number)
    {
        // Everything from a billion up is "<count> tỷ", and the count may itself hold tỷ
        // ("một nghìn không trăm linh một tỷ"), so recurse on it.
        var words = new List<string>();
        var high = decimal.Floor(number / Billion);
        var low = (long)(number - high * Billion);
        if (high > 0)
        {
            words.Add(ReadPositive(high));
            words.Add("tỷ");
        }
        if (low > 0)
        {
            AppendBelowBillion(words, low, full: high > 0);
        }
        return string.Join(' ', words);
    }

    private static void AppendBelowBillion(List<string> words, long n, bool full)
    {
        (long Size, string Name)[] scales = [(1_000_000, "triệu"), (1_000, "nghìn"), (1, "")];
        var spokenBefore = full;
        foreach (var (size, name) in scales)
        {
            var group = (int)(n / size % 1000);
            if (group == 0)
            {
                continue;
            }
            AppendGroup(words, group, spokenBefore);
            if (name.Length > 0)
            {
                words.Add(name);
            }
            spokenBefore = true;
        }
    }

    // A group after a spoken higher group keeps its hundreds ("không trăm") and its "linh".
    private static void AppendGroup(List<string> words, int group, bool full)
    {
        var hundreds = group / 100;
        var tens = group / 10 % 10;
        var units = group % 10;

        var saidHundreds = hundreds > 0 || full;
        if (saidHundreds)
        {
            words.Add(Digits[hundreds]);
            words.Add("trăm");
        }

        if (tens == 0)
        {
            if (units > 0)
            {
                if (saidHundreds)
                {
                    words.Add("linh");
                }
                words.Add(Digits[units]);
            }
            return;
        }

        if (tens == 1)
        {
            words.Add("mười");
        }
        else
        {
            words.Add(Digits[tens]);
            words.Add("mươi");
        }

        var unit = units switch
        {
            0 => null,
            1 when tens >= 2 => "mốt",
            4 when tens >= 2 => "tư",
            5 => "lăm",
            _ => Digits[units],
        };
        if (unit is not null)
        {
            words.Add(unit);
        }
    }
}
