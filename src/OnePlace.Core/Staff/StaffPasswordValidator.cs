using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace OnePlace.Core.Staff;

/// <summary>
/// The password rules beyond length (NCSC password guidance; OWASP ASVS 5.0 6.2.4, 6.2.11, 6.2.12): a password may be
/// anything of any composition up to <see cref="MaximumLength"/> characters, except one of the commonly used passwords
/// in common-passwords.txt (see its NOTICE) or one that contains the member of staff's email address, its local part
/// or a word of their name, or the name of the service. The length minimum is Identity's own RequiredLength.
/// </summary>
public sealed class StaffPasswordValidator : IPasswordValidator<StaffUser>
{
    /// <summary>ASVS 6.2.9 asks that passwords of at least 64 characters be allowed; 128 leaves room for passphrases
    /// while bounding the work of hashing (PBKDF2 hashes the whole password).</summary>
    public const int MaximumLength = 128;

    /// <summary>Words shorter than this are not refused when they appear inside a password: "jo" in "major" is no clue.</summary>
    private const int ShortestContextWord = 4;

    /// <summary>The documented list of context-specific words (ASVS 6.1.2): the service and the partnership's own words.</summary>
    public static readonly IReadOnlyList<string> ContextWords = ["oneplace", "one place", "partnership"];

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    public const string TooLongCode = "PasswordTooLong";
    public const string CommonCode = "PasswordCommon";
    public const string PersonalCode = "PasswordContainsName";

    /// <summary>How many commonly used passwords are refused.</summary>
    public static int CommonPasswordCount => Common.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length > MaximumLength)
        {
            errors.Add(new IdentityError { Code = TooLongCode, Description = $"The password must be no longer than {MaximumLength} characters." });
        }

        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = CommonCode, Description = "The password is one of the most commonly used passwords. Choose another, such as three random words." });
        }

        if (ContainsPersonalWord(password, user))
        {
            errors.Add(new IdentityError { Code = PersonalCode, Description = "The password must not contain your name, your email address or the name of the service." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>Whether the password, ignoring case and spaces at either end, is on the list. "Password123" is as
    /// guessable as "password123", so the comparison ignores case; the password itself is stored exactly as typed.</summary>
    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    private static bool ContainsPersonalWord(string password, StaffUser user)
    {
        var words = new List<string>(ContextWords);
        foreach (var value in new[] { user.Email, user.UserName })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                words.Add(value);
                int at = value.IndexOf('@', StringComparison.Ordinal);
                if (at > 0)
                {
                    words.Add(value[..at]);
                    words.AddRange(value[..at].Split(['.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries));
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            words.AddRange(user.DisplayName.Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries));
        }

        return words.Any(w => w.Length >= ShortestContextWord && password.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OnePlace.Core.Staff.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
