using Microsoft.AspNetCore.Identity;

namespace WardCms.Web.Security;

/// <summary>What the account screens say about passwords, in one place (the rules are IdentityServices').</summary>
public static class AccountMessages
{
    public const string PasswordRule = "Ít nhất 10 ký tự, có chữ số và chữ thường.";

    /// <summary>
    /// Identity's refusal as the account screens say it: the words are VietnameseIdentityErrorDescriber's;
    /// only a wrong password is named as the current one, the field it belongs to there.
    /// </summary>
    public static string Password(IdentityError e) =>
        e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Mật khẩu hiện tại không đúng." : e.Description;
}
