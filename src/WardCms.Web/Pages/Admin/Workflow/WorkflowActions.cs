namespace WardCms.Web.Pages.Admin.Workflow;

/// <summary>Model of the _WorkflowActions partial the edit page renders: the item and its current state.</summary>
public sealed record WorkflowActions(int ItemId, string Status, string? ReturnUrl = null);
