using WardCms.Core.Content;
using WardCms.Core.Data;
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
    .AddStaffIdentity(builder.Configuration)
    .AddWardAuthorization()
    .AddWardRazorPages()
    .AddFirstRunSetup(builder.Configuration)
    .AddMediaLibrary(builder.Configuration, database);

var app = builder.Build();

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

await app.Services.PrepareDatabaseAsync();

app.UseWardPipeline();
app.MapWardEndpoints();
app.MapMediaEndpoints();
await app.RunAsync();
return 0;

public partial class Program;
