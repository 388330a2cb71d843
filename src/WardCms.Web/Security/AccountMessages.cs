using Microsoft.AspNetCore.Identity;

namespace WardCms.Web.Security;

/// <summary>What the account screens say about passwords, in one place (the rules are IdentityServices').</summary>
public static class AccountMessages
{
    public const string PasswordRule = "Ít nhất 10 ký tự, có chữ số và chữ thường.";

    public static string Password(IdentityError e) => e.Code switch
    {
        "PasswordTooShort" => "Mật khẩu cần ít nhất 10 ký tự.",
        "PasswordRequiresDigit" => "Mật khẩu cần có ít nhất một chữ số.",
        "PasswordRequiresLower" => "Mật khẩu cần có ít nhất một chữ thường.",
        "PasswordMismatch" => "Mật khẩu hiện tại không đúng.",
        _ => e.Description,
    };
}
