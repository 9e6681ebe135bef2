using OnePlace.Core.Store;
using OnePlace.Fhir;
using OnePlace.Web.Components;
using OnePlace.Web.Features.Cohorts;
using OnePlace.Web.Features.ApiClients;
using OnePlace.Web.Features.Errors;
using OnePlace.Web.Features.Health;
using OnePlace.Web.Features.Language;
using OnePlace.Web.Features.Outcomes;
using OnePlace.Web.Features.People;
using OnePlace.Web.Features.Planning;
using OnePlace.Web.Features.PersonIndex;
using OnePlace.Web.Features.PooledFund;
using OnePlace.Web.Features.Referrals;
using OnePlace.Web.Features.Security;
using OnePlace.Web.Features.SignIn;
using OnePlace.Web.Features.Startup;
using OnePlace.Web.Features.Worklists;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOnePlaceStore(builder.Configuration);
builder.AddStoreStartup();
builder.Services.AddStaffSignIn(builder.Configuration, builder.Environment);
builder.Services.AddStaffOidc(builder.Configuration);
builder.Services.AddOnePlaceSecurityHeaders();
builder.Services.AddOnePlaceRateLimits(builder.Configuration);
builder.Services.AddPersonRecordAccess();
builder.Services.AddPersonIndex();
builder.Services.AddApiClients();
builder.Services.AddReferrals(builder.Configuration);
builder.Services.AddFhirReferrals();
builder.Services.AddWorklists();
builder.Services.AddOutcomes(builder.Configuration);
builder.Services.AddCohorts(builder.Configuration);
builder.Services.AddPooledFund();
builder.Services.AddPlanning(builder.Configuration);
builder.Services.AddOnePlaceLanguages();
builder.Services.AddOnePlaceErrorHandling();
builder.Services.AddOnePlaceHealthChecks();
builder.Services.AddOnePlacePages();

var app = builder.Build();

app.UseOnePlaceSecurityHeaders();
app.UseOnePlaceErrorHandling();
app.UseOnePlaceStaticFiles();
app.UseRouting();
app.UseOnePlaceLanguages();
app.UseAuthentication();
app.UseMfaSetupGate();
app.UseAuthorization();
app.UseOnePlaceRateLimits();
app.UseAntiforgery();

app.MapOnePlaceHealthChecks();
app.MapLanguageChoice();
app.MapStaffSignOut();
app.MapStaffOidc(builder.Configuration);
app.MapApiTokens();
app.MapReferrals();
app.MapOutcomesExports();
app.MapPooledFundExports();
app.MapPlanningExports();
app.MapFhirEndpoints().RequireAuthorization(ApiClientRegistration.FhirApiPolicy);
app.MapOnePlacePages();

app.Run();
