using EdgeDb.Internal;
using EdgeDb.TypedHost.Model;

namespace EdgeDb.TypedHost;

/// <summary>
/// Compares every index of <see cref="Member"/> and <see cref="Badge"/> with a full scan of the entities, and checks
/// that each member and its badge were committed together. An empty list means the store is consistent.
/// </summary>
public static class Consistency
{
    /// <summary>Returns one line per problem found.</summary>
    public static List<string> Problems(EdgeStore store)
    {
        var problems = new List<string>();
        var members = new MemberRepository(store);
        var badges = new BadgeRepository(store);
        var allMembers = members.All().ToList();
        var allBadges = badges.All().ToList();

        // Every entity has exactly one entry per index: equal counts plus each entity found through its value
        // rule out both a missing and a stale entry.
        ExpectEntries(store, problems, "members", "Email", allMembers.Count);
        ExpectEntries(store, problems, "members", "Team", allMembers.Count);
        ExpectEntries(store, problems, "badges", "Level", allBadges.Count);
        foreach (var member in allMembers)
        {
            if (!members.TryGetByEmail(member.Email, out var owner) || owner.Id != member.Id)
            {
                problems.Add($"member {member.Id}: GetByEmail({member.Email}) does not return it");
            }

            if (!members.FindByTeam(member.Team).Any(m => m.Id == member.Id))
            {
                problems.Add($"member {member.Id}: FindByTeam({member.Team}) misses it");
            }

            if (!badges.TryGet(member.Id, out var badge))
            {
                problems.Add($"member {member.Id} (generation {member.Generation}) has no badge: half a transaction");
            }
            else if (badge.Generation != member.Generation)
            {
                // Both are written with one generation in one transaction, and a plain put keeps the member's.
                problems.Add($"member {member.Id} is at generation {member.Generation} but its badge at {badge.Generation}");
            }
        }

        foreach (var badge in allBadges)
        {
            if (!badges.FindByLevel(badge.Level).Any(b => b.MemberId == badge.MemberId))
            {
                problems.Add($"badge {badge.MemberId}: FindByLevel({badge.Level}) misses it");
            }

            if (!members.Contains(badge.MemberId))
            {
                problems.Add($"badge {badge.MemberId} has no member: half a transaction");
            }
        }

        foreach (var duplicate in allMembers.GroupBy(m => m.Email).Where(g => g.Count() > 1))
        {
            problems.Add($"email {duplicate.Key} is held by {string.Join(", ", duplicate.Select(m => m.Id))}");
        }

        var progress = Churn.ReadProgress(store);
        foreach (var member in allMembers.Where(m => m.Generation > progress))
        {
            problems.Add($"member {member.Id} is at generation {member.Generation}, after the recorded progress {progress}");
        }

        return problems;
    }

    private static void ExpectEntries(EdgeStore store, List<string> problems, string collection, string member, int expected)
    {
        var entries = store.ScanPrefix(Keyspace.IndexPrefix(collection, member)).Count();
        if (entries != expected)
        {
            problems.Add($"index {collection}.{member} has {entries} entries for {expected} entities");
        }
    }
}
