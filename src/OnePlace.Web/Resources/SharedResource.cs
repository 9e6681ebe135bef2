namespace OnePlace.Web.Resources;

/// <summary>The one set of interface strings (SharedResource.resx in English, SharedResource.cy.resx in Welsh).</summary>
public sealed class SharedResource;
