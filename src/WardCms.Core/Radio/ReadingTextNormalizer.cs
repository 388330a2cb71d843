using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WardCms.Core.Radio;

// Turns a written broadcast script into the words an announcer (or espeak-ng) actually says.
// Rules run from the most specific shape to the least: a document number contains a number and
// an abbreviation, a date contains numbers, so each must be read before its parts would be.
public sealed partial class ReadingTextNormalizer
{
    // Expansions are lower case unless the words are a proper name, as they would be written out.
    public static IReadOnlyDictionary<string, string> DefaultAbbreviations { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UBND"] = "Ủy ban nhân dân",
            ["HĐND"] = "Hội đồng nhân dân",
            ["UBMTTQ"] = "Ủy ban Mặt trận Tổ quốc",
            ["MTTQ"] = "Mặt trận Tổ quốc",
            ["CCHC"] = "cải cách hành chính",
            ["TTHC"] = "thủ tục hành chính",
            ["CNTT"] = "công nghệ thông tin",
            ["CSDL"] = "cơ sở dữ liệu",
            ["DVC"] = "dịch vụ công",
            ["DVCTT"] = "dịch vụ công trực tuyến",
            ["CĐS"] = "chuyển đổi số",
            ["TP"] = "thành phố",
            ["TP.HCM"] = "Thành phố Hồ Chí Minh",
            ["KT-XH"] = "kinh tế - xã hội",
            ["VH-XH"] = "văn hóa - xã hội",
            ["KT-HT-ĐT"] = "kinh tế, hạ tầng và đô thị",
            ["ĐT"] = "điện thoại",
            ["BHYT"] = "bảo hiểm y tế",
            ["BHXH"] = "bảo hiểm xã hội",
            ["CMND"] = "chứng minh nhân dân",
            ["CCCD"] = "căn cước công dân",
            ["QĐ"] = "quyết định",
            ["NĐ"] = "nghị định",
            ["NQ"] = "nghị quyết",
            ["KH"] = "kế hoạch",
            ["BC"] = "báo cáo",
            ["TT"] = "thông tư",
            ["PCCC"] = "phòng cháy, chữa cháy",
            ["ATGT"] = "an toàn giao thông",
            ["ATTP"] = "an toàn thực phẩm",
            ["THCS"] = "trung học cơ sở",
            ["THPT"] = "trung học phổ thông",
            ["CBCCVC"] = "cán bộ, công chức, viên chức",
            ["HTX"] = "hợp tác xã",
            ["TNHH"] = "trách nhiệm hữu hạn",
            ["SXKD"] = "sản xuất kinh doanh",
            ["GCN"] = "giấy chứng nhận",
            ["QSDĐ"] = "quyền sử dụng đất",
            ["TW"] = "Trung ương",
            ["BCH"] = "Ban Chấp hành",
            // Everyone says the project's zero: "Đề án không sáu".
            ["Đề án 06"] = "Đề án không sáu",
        };

    // The code after the number says who issued the document; announcers read it as "của …".
    public static IReadOnlyDictionary<string, string> DefaultIssuers { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CP"] = "Chính phủ",
            ["TTg"] = "Thủ tướng Chính phủ",
            ["VPCP"] = "Văn phòng Chính phủ",
            ["QH"] = "Quốc hội",
            ["UBTVQH"] = "Ủy ban Thường vụ Quốc hội",
            ["UBND"] = "Ủy ban nhân dân",
            ["HĐND"] = "Hội đồng nhân dân",
            ["UBMTTQ"] = "Ủy ban Mặt trận Tổ quốc",
            ["MTTQ"] = "Mặt trận Tổ quốc",
            ["BTTTT"] = "Bộ Thông tin và Truyền thông",
            ["BNV"] = "Bộ Nội vụ",
            ["BTC"] = "Bộ Tài chính",
            ["BTP"] = "Bộ Tư pháp",
            ["BCA"] = "Bộ Công an",
            ["BYT"] = "Bộ Y tế",
            ["BGDĐT"] = "Bộ Giáo dục và Đào tạo",
            ["BKHĐT"] = "Bộ Kế hoạch và Đầu tư",
            ["BTNMT"] = "Bộ Tài nguyên và Môi trường",
            ["BLĐTBXH"] = "Bộ Lao động - Thương binh và Xã hội",
            ["SNV"] = "Sở Nội vụ",
            ["STTTT"] = "Sở Thông tin và Truyền thông",
            ["SYT"] = "Sở Y tế",
            ["TW"] = "Trung ương",
            ["TU"] = "Thành ủy",
            ["ĐU"] = "Đảng ủy",
        };

    // The code right after the number names the kind of document.
    public static IReadOnlyDictionary<string, string> DocumentTypes { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["NĐ"] = "Nghị định",
            ["QĐ"] = "Quyết định",
            ["TT"] = "Thông tư",
            ["TTLT"] = "Thông tư liên tịch",
            ["KH"] = "Kế hoạch",
            ["BC"] = "Báo cáo",
            ["NQ"] = "Nghị quyết",
            ["CT"] = "Chỉ thị",
            ["TB"] = "Thông báo",
            ["HD"] = "Hướng dẫn",
            ["CV"] = "Công văn",
            ["TTr"] = "Tờ trình",
            ["KL"] = "Kết luận",
            ["QC"] = "Quy chế",
        };

    private static readonly string[] MonthNames =
        ["", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"];

    private readonly IReadOnlyDictionary<string, string> _abbreviations;
    private readonly IReadOnlyDictionary<string, string> _issuers;
    private readonly Regex? _abbreviationRegex;

    public ReadingTextNormalizer()
        : this(DefaultAbbreviations)
    {
    }

    public ReadingTextNormalizer(
        IReadOnlyDictionary<string, string> abbreviations,
        IReadOnlyDictionary<string, string>? issuers = null)
    {
        // Dictionaries are data (a recipe may add a ward's own), so normalise them like any input.
        _abbreviations = abbreviations.ToDictionary(
            kv => kv.Key.Normalize(NormalizationForm.FormC),
            kv => kv.Value.Normalize(NormalizationForm.FormC),
            StringComparer.Ordinal);
        _issuers = (issuers ?? DefaultIssuers).ToDictionary(
            kv => kv.Key.Normalize(NormalizationForm.FormC),
            kv => kv.Value.Normalize(NormalizationForm.FormC),
            StringComparer.Ordinal);

        if (_abbreviations.Count > 0)
        {
            // Longest first so "KT-XH" wins over a shorter key inside it; whole words only.
            var alternatives = _abbreviations.Keys
                .Where(k => k.Length > 0)
                .OrderByDescending(k => k.Length)
                .ThenBy(k => k, StringComparer.Ordinal)
                .Select(Regex.Escape);
            _abbreviationRegex = new Regex(
                $@"(?<![\p{{L}}\p{{M}}\p{{N}}])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{M}}\p{{N}}])",
                RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(2));
        }
    }

    public string Normalize(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        // Cleaned like all input (a control character or lone surrogate stored earlier must not reach espeak or throw here).
        var source = Tidy(Language.TextInput.Clean(script));
        var text = source;

        text = DocumentNumberRegex().Replace(text, ReadDocumentNumber);
        text = PartyDocumentNumberRegex().Replace(text, ReadDocumentNumber);
        text = PhoneRegex().Replace(text, ReadPhone);
        text = HotlineRegex().Replace(text, m => m.Groups["ctx"].Value + ReadDigitGroups(m.Groups["n"].Value));
        text = PeriodOrdinalRegex().Replace(text, ReadPeriodOrdinal);
        text = OrdinalRegex().Replace(text, ReadOrdinal);
        text = RoundTheClockRegex().Replace(text, "hai mươi tư trên bảy");
        text = DateOrTimeRangeRegex().Replace(text, m => $"{m.Groups["a"].Value} đến {m.Groups["b"].Value}");
        text = MonthYearRegex().Replace(text, ReadMonthYear);
        text = DateRegex().Replace(text, ReadDate);
        text = DashedDateRegex().Replace(text, ReadDate);
        text = FractionRegex().Replace(text, m =>
            VietnameseNumberReader.ReadInteger(m.Groups["a"].Value) + " phần " + VietnameseNumberReader.ReadInteger(m.Groups["b"].Value));
        text = TimeRegex().Replace(text, ReadTime);
        text = MonthRegex().Replace(text, ReadMonth);
        text = AbbreviatedCityRegex().Replace(text, "thành phố ");
        if (_abbreviationRegex is not null)
        {
            text = _abbreviationRegex.Replace(text, m => _abbreviations[m.Value]);
        }
        text = RangeRegex().Replace(text, ReadRange);
        text = NumberRegex().Replace(text, ReadNumber);
        text = DottedNumberRegex().Replace(text, m =>
            string.Join(" chấm ", m.Value.Split('.').Select(VietnameseNumberReader.ReadInteger)));
        text = AmpersandRegex().Replace(text, " và ");
        return CapitalizeLineStarts(source, Tidy(text));
    }

    // A numbered heading "1. Mục đích" still begins with a capital once read out ("Một. Mục đích").
    // Other text keeps the writer's case: a bare "15/3" may be the middle of a sentence.
    private static string CapitalizeLineStarts(string source, string text)
    {
        var before = source.Split('\n');
        var after = text.Split('\n');
        if (before.Length != after.Length)
        {
            return text;
        }
        for (var i = 0; i < after.Length; i++)
        {
            if (before[i].Length > 0 && after[i].Length > 0
                && ListNumberRegex().IsMatch(before[i])
                && char.IsLower(after[i][0]))
            {
                after[i] = char.ToUpperInvariant(after[i][0]) + after[i][1..];
            }
        }
        return string.Join('\n', after);
    }

    // "5-7 ngày" is a range, but "ngày 30-4" and "Chuyển đổi số quốc gia 10-10" are dates:
    // a date when "ngày" comes before, or when the first number is not below the second.
    private static string ReadRange(Match m)
    {
        var a = m.Groups["a"].Value;
        var b = m.Groups["b"].Value;
        if (int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && day is >= 1 and <= 31 && month is >= 1 and <= 12)
        {
            var afterNgay = NgayBeforeRegex().IsMatch(m.Result("$`"));
            if (afterNgay || day >= month)
            {
                var spoken = $"{VietnameseNumberReader.Read(day)} tháng {MonthNames[month]}";
                return afterNgay ? spoken : "ngày " + spoken;
            }
        }
        return $"{a} đến {b}";
    }

    private string ReadDocumentNumber(Match m)
    {
        var segments = m.Groups["code"].Value.Split('-', StringSplitOptions.RemoveEmptyEntries);
        var typeCode = m.Groups["type"].Success ? m.Groups["type"].Value : segments[0];
        var hasType = DocumentTypes.TryGetValue(typeCode, out var typeName);
        var issuerCodes = m.Groups["type"].Success || !hasType ? segments : segments[1..];

        var words = new List<string>();
        var so = m.Groups["so"];
        if (!so.Success && hasType && !PrecededBy(m, typeName!, typeCode))
        {
            // "theo 12/2024/NĐ-CP" names no kind of document aloud; the code does, so say it.
            words.Add(typeName!);
        }
        words.Add(so.Success ? so.Value : "số");
        words.Add(VietnameseNumberReader.ReadInteger(m.Groups["num"].Value));
        if (m.Groups["year"].Success)
        {
            words.Add("năm");
            words.Add(VietnameseNumberReader.ReadInteger(m.Groups["year"].Value));
        }

        var issuers = issuerCodes.Select(ReadIssuer).OfType<string>().ToList();
        if (issuers.Count == 0 && issuerCodes.Length > 0)
        {
            // Unknown issuer: keep its code rather than lose who signed the document.
            issuers.Add(issuerCodes[0]);
        }
        if (issuers.Count > 0)
        {
            words.Add("của");
            // A joint circular lists every ministry; a division code after a known issuer is not read.
            words.Add(typeCode == "TTLT" ? string.Join(" và ", issuers) : issuers[0]);
        }
        return string.Join(' ', words);
    }

    private string? ReadIssuer(string code)
    {
        if (_issuers.TryGetValue(code, out var name))
        {
            return name;
        }
        // "QH15": the Assembly of the 15th term.
        var term = IssuerTermRegex().Match(code);
        if (term.Success && _issuers.TryGetValue(term.Groups["issuer"].Value, out var termName))
        {
            return termName + " khóa " + VietnameseNumberReader.ReadInteger(term.Groups["term"].Value);
        }
        return null;
    }

    private static bool PrecededBy(Match m, string typeName, string typeCode)
    {
        var before = m.Result("$`").TrimEnd().TrimEnd(':').TrimEnd();
        // "Số hiệu 25/KH-UBND" is a label on a document's card; it needs no kind said.
        return before.EndsWith(typeName, StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("số hiệu", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith(typeCode, StringComparison.Ordinal);
    }

    private static string ReadPhone(Match m)
    {
        var value = m.Value;
        var plus = value.StartsWith('+');
        var spoken = ReadDigitGroups(plus ? value[1..] : value);
        return plus ? "cộng " + spoken : spoken;
    }

    // Keeps the grouping as written, which is where the announcer breathes.
    private static string ReadDigitGroups(string value) =>
        string.Join(' ', value
            .Split([' ', '.', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Select(VietnameseNumberReader.ReadDigits));

    private static string ReadPeriodOrdinal(Match m)
    {
        var raw = m.Groups["n"].Value;
        int? n = char.IsAsciiDigit(raw[0]) ? int.Parse(raw, CultureInfo.InvariantCulture) : ParseRoman(raw);
        if (n is null)
        {
            return m.Value;
        }
        var spoken = $"{m.Groups["w"].Value} {VietnameseNumberReader.Read(n.Value)}";
        return m.Groups["y"].Success
            ? spoken + " năm " + VietnameseNumberReader.ReadInteger(m.Groups["y"].Value)
            : spoken;
    }

    private static string ReadMonthYear(Match m)
    {
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            return m.Value;
        }
        var prefix = m.Groups["pfx"].Success ? m.Groups["pfx"].Value : "tháng ";
        return $"{prefix}{MonthNames[month]} năm {VietnameseNumberReader.ReadInteger(m.Groups["y"].Value)}";
    }

    private static string ReadDate(Match m)
    {
        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (day is < 1 or > 31 || month is < 1 or > 12)
        {
            return m.Value;
        }
        // "ngày 15/3/2025" already says "ngày"; keep the writer's word (and its capital) once.
        var prefix = m.Groups["pfx"].Success ? m.Groups["pfx"].Value : "ngày ";
        var spoken = $"{prefix}{VietnameseNumberReader.Read(day)} tháng {MonthNames[month]}";
        return m.Groups["y"].Success
            ? spoken + " năm " + VietnameseNumberReader.ReadInteger(m.Groups["y"].Value)
            : spoken;
    }

    private static string ReadTime(Match m)
    {
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minuteGroup = m.Groups["mi"].Success ? m.Groups["mi"] : m.Groups["mi2"];
        var minute = minuteGroup.Success ? int.Parse(minuteGroup.Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 24 || minute > 59)
        {
            return m.Value;
        }
        var spoken = VietnameseNumberReader.Read(hour) + " giờ";
        if (minute == 0)
        {
            return spoken;
        }
        // Announcers keep the written zero of 14h05: "không năm phút".
        var minutes = minute < 10
            ? "không " + VietnameseNumberReader.Read(minute)
            : VietnameseNumberReader.Read(minute);
        return $"{spoken} {minutes} phút";
    }

    private static string ReadMonth(Match m)
    {
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        return month is < 1 or > 12 ? m.Value : $"{m.Groups["w"].Value} {MonthNames[month]}";
    }

    private static string ReadOrdinal(Match m)
    {
        var spoken = m.Groups["n"].Value.TrimStart('0') switch
        {
            "1" => "nhất",
            "4" => "tư",
            var n => VietnameseNumberReader.ReadInteger(n),
        };
        // A rank out of a total: "xếp thứ 5/30" is "thứ năm trên ba mươi".
        return m.Groups["of"].Success
            ? $"{m.Groups["w"].Value} {spoken} trên {VietnameseNumberReader.ReadInteger(m.Groups["of"].Value)}"
            : $"{m.Groups["w"].Value} {spoken}";
    }

    private static string ReadNumber(Match m)
    {
        var integer = m.Groups["int"].Value.Replace(".", "", StringComparison.Ordinal)
            .Replace(",", "", StringComparison.Ordinal);
        var fraction = m.Groups["frac"].Value;

        string spoken;
        if (!m.Groups["frac"].Success && (integer.Length > 15 || (integer.Length >= 5 && integer[0] == '0')))
        {
            // Citizen ID numbers, file codes and the like are said digit by digit.
            spoken = VietnameseNumberReader.ReadDigits(integer);
        }
        else
        {
            spoken = VietnameseNumberReader.ReadDecimal(integer, fraction);
        }

        if (m.Groups["unit"].Success)
        {
            spoken += " " + ReadUnit(m.Groups["unit"].Value.Trim());
        }
        return spoken;
    }

    private static string ReadUnit(string unit) => unit switch
    {
        "%" => "phần trăm",
        "km2" or "km²" => "ki-lô-mét vuông",
        "km" => "ki-lô-mét",
        "m2" or "m²" => "mét vuông",
        "m3" or "m³" => "mét khối",
        "m" => "mét",
        "ha" => "héc-ta",
        "kg" => "ki-lô-gam",
        "đ" or "VNĐ" or "VND" => "đồng",
        "°C" => "độ C",
        _ => unit,
    };

    private static int? ParseRoman(string roman)
    {
        var values = new Dictionary<char, int> { ['I'] = 1, ['V'] = 5, ['X'] = 10, ['L'] = 50 };
        var total = 0;
        for (var i = 0; i < roman.Length; i++)
        {
            var v = values[roman[i]];
            total += i + 1 < roman.Length && values[roman[i + 1]] > v ? -v : v;
        }
        return total is > 0 and < 100 ? total : null;
    }

    private static string Tidy(string text)
    {
        var unified = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var lines = unified.Split('\n').Select(line => InlineSpaceRegex().Replace(line, " ").Trim());
        return BlankLinesRegex().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    // "Nghị định 12/2024/NĐ-CP", "Quyết định số 123/QĐ-UBND", "Số: 05/CT-TTg", "65/2025/QH15".
    [GeneratedRegex(@"(?:(?<so>(?<![\p{L}\p{M}])[Ss]ố)\s*:?\s*)?(?<![\p{L}\p{M}\p{N}/.,])(?<num>\d+)(?:/(?<year>\d{4}))?/(?<code>\p{Lu}[\p{L}\p{M}\p{N}]*(?:-\p{Lu}[\p{L}\p{M}\p{N}]*)*)(?![\p{L}\p{M}\p{N}/])", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentNumberRegex();

    // Party documents put the kind before the slash: "Nghị quyết số 18-NQ/TW".
    [GeneratedRegex(@"(?:(?<so>(?<![\p{L}\p{M}])[Ss]ố)\s*:?\s*)?(?<![\p{L}\p{M}\p{N}/.,])(?<num>\d+)-(?<type>\p{Lu}[\p{L}\p{M}]*)/(?<code>\p{Lu}[\p{L}\p{M}\p{N}]*(?:-\p{Lu}[\p{L}\p{M}\p{N}]*)*)(?![\p{L}\p{M}\p{N}/])", RegexOptions.CultureInvariant)]
    private static partial Regex PartyDocumentNumberRegex();

    [GeneratedRegex(@"^(?<issuer>\p{Lu}[\p{L}\p{M}]*?)(?<term>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IssuerTermRegex();

    // Landlines "0243.826.1234" and mobiles "0912 345 678": ten or eleven digits from a leading 0.
    // "(024) 3826 1234" and the 1900/1800 service numbers are phone numbers as well.
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}.,/+(])(?:\+84[ .]?\d(?:[ .\-]?\d){7,9}|\(0\d{1,3}\)[ .]?\d(?:[ .\-]?\d){5,7}|0\d(?:[ .\-]?\d){8,9}|1[89]00(?:[ .]?\d){4,6})(?!\p{N}|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneRegex();

    // Short hotlines ("đường dây nóng 1022") are numbers only because of the words before them.
    [GeneratedRegex(@"(?<ctx>(?:[Đđ]iện thoại|ĐT|[Hh]otline|[Đđ]ường dây nóng|[Tt]ổng đài)(?:\s+số)?\s*:?\s+)(?<n>\d{3,5}(?:[ .]\d{3,4})?)(?!\p{N}|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex HotlineRegex();

    // "quý I/2025", "quý 2", "khóa XV", "Phụ lục 1": Roman numerals are read as plain numbers.
    [GeneratedRegex(@"(?<![\p{L}\p{M}])(?<w>[Qq]uý|[Kk]hóa|[Kk]hoá|[Pp]hần|[Cc]hương|[Mm]ục|[Pp]hụ lục|[Đđ]ại hội)\s+(?<n>[IVXL]+|\d{1,2})(?:/(?<y>\d{4}))?(?![\p{L}\p{M}\p{N}/])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodOrdinalRegex();

    // "hỗ trợ 24/7" is round the clock, not the 24th of July (a real date is written "ngày 24/7").
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}/.,]|[Nn]gày\s)24/7(?![\p{N}/])", RegexOptions.CultureInvariant)]
    private static partial Regex RoundTheClockRegex();

    // "15/3 - 20/3" and "7h30-11h30": the dash is said "đến".
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}/.,])(?<a>\d{1,2}/\d{1,2}(?:/\d{4})?|\d{1,2}(?:[hH](?:\d{2})?|:\d{2}))\s*[-–]\s*(?<b>\d{1,2}/\d{1,2}(?:/\d{4})?|\d{1,2}(?:[hH](?:\d{2})?|:\d{2}))(?![\p{L}\p{M}\p{N}/])", RegexOptions.CultureInvariant)]
    private static partial Regex DateOrTimeRangeRegex();

    [GeneratedRegex(@"(?<pfx>(?<![\p{L}\p{M}])[Tt]háng\s+)?(?<![\p{L}\p{M}\p{N}/.,])(?<m>\d{1,2})/(?<y>\d{4})(?![\p{N}/])", RegexOptions.CultureInvariant)]
    private static partial Regex MonthYearRegex();

    [GeneratedRegex(@"(?<pfx>(?<![\p{L}\p{M}])[Nn]gày\s+)?(?<![\p{L}\p{M}\p{N}/.,])(?<d>\d{1,2})/(?<m>\d{1,2})(?:/(?<y>\d{4}))?(?![\p{N}/])", RegexOptions.CultureInvariant)]
    private static partial Regex DateRegex();

    // "15-3-2025" and "15.3.2025" only with a year, so "5-7" stays a range and "1.250" a number.
    [GeneratedRegex(@"(?<pfx>(?<![\p{L}\p{M}])[Nn]gày\s+)?(?<![\p{L}\p{M}\p{N}/.,\-])(?<d>\d{1,2})(?<sep>[-.])(?<m>\d{1,2})\k<sep>(?<y>\d{4})(?![\p{N}/.\-]\d|\p{N})", RegexOptions.CultureInvariant)]
    private static partial Regex DashedDateRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}/.,])(?<a>\d+)/(?<b>\d+)(?![\p{N}/])", RegexOptions.CultureInvariant)]
    private static partial Regex FractionRegex();

    // "7h30", "7h", "14h05", "7:30"; the letter after must not make it a word ("5ha").
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}.,:])(?<h>\d{1,2})(?:[hH](?<mi>\d{2})?|:(?<mi2>\d{2}))(?![\p{L}\p{M}\p{N}]|:\d)", RegexOptions.CultureInvariant)]
    private static partial Regex TimeRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{M}])(?<w>[Tt]háng)\s+(?<m>\d{1,2})(?![\p{L}\p{M}\p{N}]|[.,:/]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex MonthRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{M}])(?<w>[Tt]hứ)\s+(?<n>\d{1,3})(?:/(?<of>\d{1,3}))?(?![\p{L}\p{M}\p{N}/]|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}.,/\-])(?<a>\d+(?:,\d+)?)\s?[-–]\s?(?<b>\d+(?:,\d+)?)(?=\s?%|\s|$|[.,;:!?)](?!\d))", RegexOptions.CultureInvariant)]
    private static partial Regex RangeRegex();

    // Vietnamese notation: "1.250.000", "12,5", "12,5%"; English grouping "1,250,000" also seen.
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}.,])(?<int>\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3}){2,}|\d+)(?:,(?<frac>\d+))?(?!\p{N}|[.,]\d)(?<unit>\s?%|\s?(?:km2|km²|km|m2|m²|m3|m³|ha|kg|VNĐ|VND|°C)(?![\p{L}\p{M}\p{N}])|(?:m|đ)(?![\p{L}\p{M}\p{N}]))?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();

    // Version and section numbers ("4.0", "2.3.1") are read with "chấm".
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}.,])\d+(?:\.\d+)+(?!\p{N}|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DottedNumberRegex();

    // "TP. Hà Nội": the dot belongs to the abbreviation, not to a sentence.
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}])TP\.\s*(?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex AbbreviatedCityRegex();

    [GeneratedRegex(@"^\d{1,3}[.)]\s", RegexOptions.CultureInvariant)]
    private static partial Regex ListNumberRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{M}])[Nn]gày\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NgayBeforeRegex();

    [GeneratedRegex(@"\s*&\s*", RegexOptions.CultureInvariant)]
    private static partial Regex AmpersandRegex();

    [GeneratedRegex(@"[\s\u00A0\u2000-\u200B\u202F]+", RegexOptions.CultureInvariant)]
    private static partial Regex InlineSpaceRegex();

    [GeneratedRegex(@"\n{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLinesRegex();
}
