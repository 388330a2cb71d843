using WardCms.Core.Content;
using WardCms.Core.Editorial;
using WardCms.Core.Security;
using static WardCms.Core.Content.ContentStatus;

namespace WardCms.Tests.Editorial;

public sealed class WorkflowRulesTests
{
    private const int ItemUnit = 1;
    private const int OtherUnit = 2;

    // Permissions as the shipped recipe grants them to each role.
    private static readonly Dictionary<string, string[]> Roles = new()
    {
        ["editor"] = [Permissions.AccessAdmin, Permissions.EditContent, Permissions.ManageMedia],
        ["radio"] = [Permissions.AccessAdmin, Permissions.EditContent, Permissions.ManageRadio, Permissions.ManageMedia],
        ["reviewer"] = [Permissions.AccessAdmin, Permissions.EditContent, Permissions.ReviewContent, Permissions.ViewReports, Permissions.ManageMedia],
        ["leader"] = [Permissions.AccessAdmin, Permissions.EditContent, Permissions.EditAllUnits, Permissions.ReviewContent, Permissions.ApproveContent,
            Permissions.PublishContent, Permissions.ViewReports, Permissions.ManagePlans, Permissions.ModerateFeedback, Permissions.ManageMedia],
        ["admin"] = [.. Permissions.All],
    };

    // The specification: (role, same unit?, state, type has review?, unpublished changes?) → the states the user can move to.
    // Every combination not listed here allows nothing.
    private static readonly Dictionary<(string Role, bool SameUnit, string State, bool Review, bool Pending), string> Allowed = Build();

    private static Dictionary<(string, bool, string, bool, bool), string> Build()
    {
        var d = new Dictionary<(string, bool, string, bool, bool), string>();
        foreach (var review in new[] { true, false })
        {
            foreach (var pending in new[] { false, true })
            {
                foreach (var boss in new[] { "leader", "admin" })
                {
                    foreach (var same in new[] { true, false })
                    {
                        d[(boss, same, Draft, review, pending)] = review ? $"{Submitted},{Published}" : $"{Published},{Scheduled}";
                        d[(boss, same, Submitted, review, pending)] = $"{Forwarded},{Approved},{Scheduled},{Published},{Draft}";
                        d[(boss, same, Forwarded, review, pending)] = $"{Approved},{Scheduled},{Published},{Draft}";
                        d[(boss, same, Approved, review, pending)] = $"{Published},{Scheduled},{Draft}";
                        d[(boss, same, Scheduled, review, pending)] = $"{Published},{Approved},{Draft}";
                        d[(boss, same, Published, review, pending)] = (review, pending) switch
                        {
                            (true, true) => $"{Submitted},{Published},{Draft}",
                            (false, true) => $"{Published},{Draft}",
                            _ => Draft,
                        };
                        d[(boss, same, TakedownRequested, review, pending)] = $"{Draft},{Published}";
                    }
                }
                foreach (var author in new[] { "editor", "radio", "reviewer" })
                {
                    if (review)
                    {
                        d[(author, true, Draft, review, pending)] = Submitted;
                        d[(author, true, Published, review, pending)] = pending ? $"{Submitted},{TakedownRequested}" : TakedownRequested;
                    }
                }
                d[("reviewer", true, Submitted, review, pending)] = $"{Forwarded},{Draft}";
            }
        }
        return d;
    }

    private static WorkflowUser User(string role, int? unit = ItemUnit) =>
        new("u-" + role, role, unit, new HashSet<string>(Roles[role]));

    private static WorkflowItem Item(string state, bool review = true, bool pending = false, int? unit = ItemUnit, string? owner = "someone") =>
        new(42, state, unit, owner, review, pending, IsDeleted: false);

    [Fact]
    public void AvailableTransitions_EveryRoleUnitStateAndReviewSetting_MatchesTheSpecificationTable()
    {
        var rules = new WorkflowRules();
        var mismatches = new List<string>();
        var checkedCombos = 0;
        foreach (var role in Roles.Keys)
            foreach (var same in new[] { true, false })
                foreach (var state in ContentStatus.All)
                    foreach (var review in new[] { true, false })
                        foreach (var pending in new[] { false, true })
                        {
                            checkedCombos++;
                            var user = User(role, same ? ItemUnit : OtherUnit);
                            var actual = rules.AvailableTransitions(Item(state, review, pending), user).Select(t => t.To).Order().ToList();
                            var expected = (Allowed.GetValueOrDefault((role, same, state, review, pending)) ?? "")
                                .Split(',', StringSplitOptions.RemoveEmptyEntries).Order().ToList();
                            if (!actual.SequenceEqual(expected))
                                mismatches.Add($"{role} {(same ? "same" : "other")} unit, {state}, review={review}, pending={pending}: expected [{string.Join(",", expected)}], got [{string.Join(",", actual)}]");
                        }
        Assert.Equal(5 * 2 * 7 * 2 * 2, checkedCombos);
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Theory]
    [InlineData("editor", Draft, Submitted, true)]
    [InlineData("editor", Submitted, Forwarded, false)]
    [InlineData("editor", Forwarded, Approved, false)]
    [InlineData("reviewer", Submitted, Forwarded, true)]
    [InlineData("reviewer", Forwarded, Approved, false)]
    [InlineData("reviewer", Submitted, Published, false)]
    [InlineData("leader", Forwarded, Published, true)]
    [InlineData("editor", Published, Draft, false)]
    [InlineData("editor", TakedownRequested, Draft, false)]
    [InlineData("leader", TakedownRequested, Draft, true)]
    public void CanMove_AgreesWithAvailableTransitions(string role, string from, string to, bool expected)
    {
        var rules = new WorkflowRules();
        Assert.Equal(expected, rules.CanMove(Item(from), to, User(role)));
    }

    [Fact]
    public void SendBack_AtEveryReviewStep_RequiresAComment()
    {
        var rules = new WorkflowRules();
        foreach (var state in new[] { Submitted, Forwarded, Approved, Scheduled })
        {
            var back = rules.Find(Item(state), Draft, User("leader"));
            Assert.NotNull(back);
            Assert.Equal(WorkflowAction.SentBack, back.Action);
            Assert.True(back.RequiresComment, state);
        }
    }

    [Fact]
    public void TakedownOfAReviewedType_ByAnEditor_IsARequestForTheLeader()
    {
        var rules = new WorkflowRules();
        var request = rules.Find(Item(Published), TakedownRequested, User("editor"));
        Assert.NotNull(request);
        Assert.False(rules.CanMove(Item(Published), Draft, User("editor")));
        var approve = rules.Find(Item(TakedownRequested), Draft, User("leader"));
        Assert.Equal(WorkflowAction.Unpublished, approve?.Action);
    }

    [Fact]
    public void ApprovingWithAPublishTime_Schedules()
    {
        var t = new WorkflowRules().Find(Item(Forwarded), Scheduled, User("leader"));
        Assert.NotNull(t);
        Assert.True(t.NeedsPublishTime);
    }

    [Fact]
    public void DeletedItem_HasNoTransitions()
    {
        var item = Item(Draft) with { IsDeleted = true };
        Assert.Empty(new WorkflowRules().AvailableTransitions(item, User("admin")));
    }

    [Fact]
    public void ItemWithoutUnit_CanBeSubmittedByItsOwnerOnly()
    {
        var rules = new WorkflowRules();
        var item = Item(Draft, unit: null, owner: "u-editor");
        Assert.True(rules.CanMove(item, Submitted, User("editor")));
        Assert.False(rules.CanMove(item with { OwnerId = "other" }, Submitted, User("editor")));
    }

    [Fact]
    public void UserWithoutAdminAccess_CanDoNothing()
    {
        var user = new WorkflowUser("x", "x", ItemUnit, new HashSet<string> { Permissions.EditContent, Permissions.ApproveContent });
        Assert.Empty(new WorkflowRules().AvailableTransitions(Item(Forwarded), user));
    }

    [Fact]
    public void RefusalMessage_NamesPermissionWhenSomeoneElseCouldMoveIt()
    {
        var rules = new WorkflowRules();
        Assert.StartsWith("Bạn không có quyền", rules.RefusalMessage(Item(Forwarded), Approved, User("editor")));
        Assert.StartsWith("Không thể chuyển", rules.RefusalMessage(Item(Draft), Approved, User("editor")));
    }
}
