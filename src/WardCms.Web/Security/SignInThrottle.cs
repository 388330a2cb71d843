using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WardCms.Core.Security;

namespace WardCms.Web.Security;

/// <summary>Limits on failed sign-ins (configuration section WardCms:SignIn).</summary>
public sealed class SignInLimits
{
    /// <summary>Failed sign-ins one client address may make in the window, whatever the user names.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>Failed sign-ins for one user name from one address before that pair is refused for the window.</summary>
    public int FailuresPerAccount { get; set; } = 5;

    public double WindowMinutes { get; set; } = 15;

    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);
}

/// <summary>
/// Counts failed sign-ins with the built-in rate limiters of System.Threading.RateLimiting, partitioned
/// by client address and by (user name, address). Only failures take a permit, so an office of staff
/// behind one address signs in freely while a guesser is stopped. Identity's account-wide lockout is
/// off: a stranger's wrong guesses refuse the user name only from the stranger's address, never the
/// real user's.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(IOptions<SignInLimits> options)
    {
        Limits = options.Value;
        _perAddress = Create(Limits.FailuresPerAddress, Limits.Window);
        _perAccount = Create(Limits.FailuresPerAccount, Limits.Window);
    }

    public SignInLimits Limits { get; }

    /// <summary>True when the address has used up its failures: it is answered 429 without checking anything.</summary>
    public bool IsAddressBlocked(string addressKey) => !Available(_perAddress, addressKey);

    /// <summary>True when this user name has failed too often from this address.</summary>
    public bool IsAccountBlocked(string accountKey) => !Available(_perAccount, accountKey);

    public void RecordFailure(string addressKey, string accountKey)
    {
        // Window limiters do not give permits back on dispose; they come back as the window slides.
        _perAddress.AttemptAcquire(addressKey).Dispose();
        _perAccount.AttemptAcquire(accountKey).Dispose();
    }

    /// <summary>
    /// A hash to check typed passwords against when the user name does not exist, so an unknown name
    /// costs the same hashing time as a real one and timing does not reveal which names exist.
    /// </summary>
    public string DecoyHash(IPasswordHasher<StaffUser> hasher) =>
        LazyInitializer.EnsureInitialized(ref _decoyHash, () => hasher.HashPassword(new StaffUser(), Guid.NewGuid().ToString("N")));

    private string? _decoyHash;

    public void Dispose()
    {
        _perAddress.Dispose();
        _perAccount.Dispose();
    }

    // Asking for zero permits tells whether any are left without taking one.
    private static bool Available(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key, 0);
        return lease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            SegmentsPerWindow = 15,
            QueueLimit = 0,
        }));
}
