using System.Buffers.Binary;
using EdgeDb.TypedHost.Model;

namespace EdgeDb.TypedHost;

/// <summary>
/// Random typed operations over <see cref="Member"/> and <see cref="Badge"/>: transactions that write both with one
/// generation (sometimes writing the member twice), plain puts that change a member's indexed values, transactional
/// deletes of both, and transactions rolled back. The email pool is smaller than the member count, so unique
/// refusals are frequent. Every committed transaction also writes its generation under <see cref="ProgressKey"/>.
/// </summary>
public sealed class Churn
{
    /// <summary>How many member ids the operations pick from.</summary>
    public const int MemberIds = 48;

    /// <summary>The byte key, beside the typed collections, holding the generation of the last committed transaction.</summary>
    public static readonly byte[] ProgressKey = "progress"u8.ToArray();

    private const int EmailPool = 40;
    private static readonly string[] Teams = ["red", "green", "blue", "gold"];

    private readonly EdgeStore _store;
    private readonly MemberRepository _members;
    private readonly BadgeRepository _badges;
    private readonly Random _random;

    /// <summary>Continues from the generation the store holds.</summary>
    public Churn(EdgeStore store, int seed)
    {
        _store = store;
        _members = new MemberRepository(store);
        _badges = new BadgeRepository(store);
        _random = new Random(seed);
        Generation = ReadProgress(store);
    }

    /// <summary>The generation of the last transaction this churn (or an earlier one on the store) committed.</summary>
    public long Generation { get; private set; }

    /// <summary>Counts of what the steps did, for a test to assert that every path ran.</summary>
    public int Committed { get; private set; }

    /// <summary>Puts refused because another member held the email.</summary>
    public int UniqueRefusals { get; private set; }

    /// <summary>Transactions disposed without a commit on purpose.</summary>
    public int RolledBack { get; private set; }

    /// <summary>Plain (non-transactional) puts that landed.</summary>
    public int PlainPuts { get; private set; }

    /// <summary>Reads the generation under <see cref="ProgressKey"/>, 0 on a new store.</summary>
    public static long ReadProgress(EdgeStore store) =>
        store.TryGet(ProgressKey, out var bytes) ? BinaryPrimitives.ReadInt64BigEndian(bytes) : 0;

    /// <summary>Runs one random operation and returns true when it committed a transaction (a new <see cref="Generation"/>).</summary>
    public bool Step()
    {
        var id = _random.Next(MemberIds);
        var choice = _random.Next(10);
        return choice switch
        {
            < 6 => PutBoth(id),
            < 8 => ChangeMemberWithAPlainPut(id),
            8 => DeleteBoth(id),
            _ => RollBack(id),
        };
    }

    private bool PutBoth(int id)
    {
        var generation = Generation + 1;
        using var transaction = _store.BeginTransaction();
        try
        {
            if (_random.Next(3) == 0)
            {
                // One key written twice in one transaction: only the second write's index entries may survive.
                _members.Put(transaction, new Member(id, RandomEmail(), RandomTeam(), generation));
            }

            _members.Put(transaction, new Member(id, RandomEmail(), RandomTeam(), generation));
            _badges.Put(transaction, new Badge(id, _random.Next(4) == 0 ? null : _random.Next(5), generation));
        }
        catch (EdgeUniqueConstraintException)
        {
            UniqueRefusals++;
            return false;
        }

        return Commit(transaction, generation);
    }

    private bool ChangeMemberWithAPlainPut(int id)
    {
        if (!_members.TryGet(id, out var member))
        {
            return false;
        }

        try
        {
            _members.Put(member with { Email = RandomEmail(), Team = RandomTeam() });
            PlainPuts++;
        }
        catch (EdgeUniqueConstraintException)
        {
            UniqueRefusals++;
        }

        return false;
    }

    private bool DeleteBoth(int id)
    {
        var generation = Generation + 1;
        using var transaction = _store.BeginTransaction();
        _members.Delete(transaction, id);
        _badges.Delete(transaction, id);
        return Commit(transaction, generation);
    }

    private bool RollBack(int id)
    {
        using var transaction = _store.BeginTransaction();
        try
        {
            _members.Put(transaction, new Member(id, RandomEmail(), RandomTeam(), -1));
            _badges.Delete(transaction, id);
        }
        catch (EdgeUniqueConstraintException)
        {
            UniqueRefusals++;
        }

        RolledBack++;
        return false;
    }

    private bool Commit(EdgeTransaction transaction, long generation)
    {
        var progress = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(progress, generation);
        transaction.Put(ProgressKey, progress);
        transaction.Commit();
        Generation = generation;
        Committed++;
        return true;
    }

    private string RandomEmail() => $"m{_random.Next(EmailPool)}@example.com";

    private string RandomTeam() => Teams[_random.Next(Teams.Length)];
}
