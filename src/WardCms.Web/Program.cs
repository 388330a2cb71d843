using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Recipes;
using WardCms.Core.Search;
using WardCms.Web.Cli;
using WardCms.Web.Endpoints;
using WardCms.Web.Security;
using WardCms.Web.Setup;

var builder = WebApplication.CreateBuilder(args);
var database = DatabaseOptions.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);

builder.Services
    .AddWardData(database)
    .AddContentEngine()
    .AddRecipes()
    .AddStaffIdentity(builder.Configuration)
    .AddWardAuthorization()
    .AddWardRazorPages()
    .AddFirstRunSetup(builder.Configuration)
    .AddSearch()
    .AddEngagement(builder.Configuration);

var app = builder.Build();

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

await app.Services.PrepareDatabaseAsync();

app.UseWardPipeline();
app.UseRateLimiter(); // after routing: the feedback form's limit is endpoint metadata (AddEngagement)
app.MapWardEndpoints();
app.MapSearchEndpoints();
await app.RunAsync();
return 0;

public partial class Program;
