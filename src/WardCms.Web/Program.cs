using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Editorial;
using WardCms.Core.Planning;
using WardCms.Core.Recipes;
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
    .AddEditorial(builder.Configuration)
    .AddPlanning()
    .AddStaffIdentity(builder.Configuration)
    .AddWardAuthorization()
    .AddPlanProgressApi()
    .AddWardRazorPages()
    .AddFirstRunSetup(builder.Configuration);

var app = builder.Build();

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

await app.Services.PrepareDatabaseAsync();

app.UseWardPipeline();
app.MapWardEndpoints();
app.MapPlanProgressApi();
await app.RunAsync();
return 0;

public partial class Program;
