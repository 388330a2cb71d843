using WardCms.Core.Content;
using WardCms.Core.Data;
using WardCms.Core.Radio;
using WardCms.Web.Endpoints;
using WardCms.Core.Recipes;
using WardCms.Web.Cli;
using WardCms.Web.Security;
using WardCms.Web.Setup;

var builder = WebApplication.CreateBuilder(args);
var database = DatabaseOptions.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);

builder.Services
    .AddWardData(database)
    .AddContentEngine()
    .AddRecipes()
    .AddRadio(database)
    .AddStaffIdentity(builder.Configuration)
    .AddWardAuthorization()
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
app.MapRadioEndpoints();
await app.RunAsync();
return 0;

public partial class Program;
