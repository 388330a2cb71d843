using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Radio;
using WardCms.Core.Editorial;
using WardCms.Core.Planning;
using WardCms.Core.Recipes;
using WardCms.Core.Search;
using WardCms.Web.Cli;
using WardCms.Web.Endpoints;
using WardCms.Web.Security;
using WardCms.Web.Notifications;
using WardCms.Web.Setup;

var builder = WebApplication.CreateBuilder(args);
// Theme assets live in the Razor class libraries; unpublished builds (tests, dotnet run) read them from
// there in every environment. A published app has them copied in and has no manifest, so this is a no-op.
builder.WebHost.UseStaticWebAssets();
var database = DatabaseOptions.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);

builder.Services
    .AddWardData(database)
    .AddContentEngine()
    .AddRecipes()
    .AddRadio(database)
    .AddEditorial(builder.Configuration)
    .AddPlanning()
    .AddStaffIdentity(builder.Configuration)
    .AddWardAuthorization()
    .AddPlanProgressApi()
    .AddWardRazorPages()
    .AddWardForwardedHeaders(builder.Configuration)
    .AddPublicCaching(builder.Configuration)
    .AddPublicSite()
    .AddMediaLibrary(builder.Configuration, database)
    .AddSearch()
    .AddEngagement(builder.Configuration)
    .AddNotificationMail(builder.Configuration)
    .AddFirstRunSetup(builder.Configuration);

var app = builder.Build();

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

await app.Services.PrepareDatabaseAsync();

app.UseWardPipeline();
app.UseRateLimiter(); // after routing: the feedback form's limit is endpoint metadata (AddEngagement)
app.MapWardEndpoints();
app.MapPublicSite();
app.MapMediaEndpoints();
app.MapSearchEndpoints();
app.MapRadioEndpoints();
app.MapPlanProgressApi();
try
{
    await app.RunAsync();
}
catch (Lucene.Net.Store.LockObtainFailedException ex)
{
    // A data folder belongs to one portal: its search index is locked by the process using it.
    Console.Error.WriteLine($"WardCms did not start: {ex.Message} Stop the other process, or give this one its own WARDCMS_DATA.");
    return 3;
}
return 0;

public partial class Program;
