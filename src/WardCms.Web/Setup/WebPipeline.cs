using System.Globalization;
using Microsoft.AspNetCore.Localization;
using WardCms.Web.Security;

namespace WardCms.Web.Setup;

public static class WebPipeline
{
    public static IServiceCollection AddWardRazorPages(this IServiceCollection services)
    {
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddRazorPages(o =>
            {
                AdminAuthorization.Apply(o.Conventions);
                // The public content pages have no address of their own (their folder's path is never matched):
                // PublicContentRoutes chooses them by the site's types.
                foreach (var page in new[] { "/Content/Section", "/Content/Topic", "/Content/Item" })
                {
                    o.Conventions.AddPageRouteModelConvention(page, model =>
                    {
                        foreach (var selector in model.Selectors)
                        {
                            selector.AttributeRouteModel!.SuppressPathMatching = true;
                        }
                    });
                }
            })
            .AddRazorLibrary(typeof(WardCms.Theme.Public.PublicTheme).Assembly)
            .AddRazorLibrary(typeof(WardCms.Theme.Admin.AdminTheme).Assembly)
            // The content parts' own views (Content/Parts/{Part}/Edit.cshtml …) are compiled into the Core library.
            .AddRazorLibrary(typeof(WardCms.Core.Content.Parts.ContentPartDefinition).Assembly);
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o =>
        {
            // Validation messages are written in Vietnamese by each feature; no implicit English [Required].
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            var m = o.ModelBindingMessageProvider;
            m.SetValueIsInvalidAccessor(v => $"Giá trị “{v}” không hợp lệ.");
            m.SetAttemptedValueIsInvalidAccessor((v, f) => $"Giá trị “{v}” không hợp lệ cho mục {f}.");
            m.SetValueMustBeANumberAccessor(f => $"Mục {f} phải là một số.");
            m.SetMissingBindRequiredValueAccessor(f => $"Thiếu giá trị cho mục {f}.");
            m.SetValueMustNotBeNullAccessor(v => $"Mục {v} không được để trống.");
            m.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị.");
            m.SetUnknownValueIsInvalidAccessor(f => $"Giá trị của mục {f} không hợp lệ.");
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"Giá trị “{v}” không hợp lệ.");
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
            m.SetNonPropertyValueMustBeANumberAccessor(() => "Giá trị phải là một số.");
            m.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu nội dung yêu cầu.");
        });
        // Vietnamese text goes out as UTF-8, not as &#7899; entities: smaller pages, readable source.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddProblemDetails();
        return services;
    }

    // Themes and the parts' views are Razor class libraries; their compiled views join the app as application parts.
    private static IMvcBuilder AddRazorLibrary(this IMvcBuilder mvc, System.Reflection.Assembly theme) =>
        mvc.ConfigureApplicationPartManager(m =>
        {
            foreach (var part in Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPartFactory.GetApplicationPartFactory(theme).GetApplicationParts(theme))
            {
                if (!m.ApplicationParts.Any(p => p.Name == part.Name && p.GetType() == part.GetType()))
                {
                    m.ApplicationParts.Add(part);
                }
            }
        });

    public static WebApplication UseWardPipeline(this WebApplication app)
    {
        // The client's address from a trusted proxy, before anything counts or limits by address (ForwardedHeadersSetup).
        app.UseForwardedHeaders();
        // Cached anonymous pages are answered before anything else runs.
        app.UsePublicPageCacheHits();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        app.UseWardErrorResponses();
        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseNulRefusal();
        // Before any page or endpoint reads the database, every query of this request is confined to its site.
        // (Routing ran already: the content routes read only the types of the host's site, by its id.)
        app.UseSiteOfRequest();
        // Anonymous pages of cacheable endpoints are rendered once and stored here.
        app.UsePublicPageCache();
        var vi = new CultureInfo("vi-VN");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(vi),
            SupportedCultures = [vi],
            SupportedUICultures = [vi],
        });
        app.UseAuthentication();
        app.UseTwoStepRequirement();
        app.UseAuthorization();
        app.UseResponseCompression();
        app.UsePublicETags();
        app.UsePageViewCounting();
        app.UseOneConnectionPerPage();
        return app;
    }

    public static WebApplication MapWardEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets().CachePublicPages();
        return app;
    }
}
