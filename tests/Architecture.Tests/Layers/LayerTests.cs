namespace PPipe.Architecture.Tests.Layers;

/// <summary>
/// Dependencies point one way: hosts → grains → client library → contracts → scenario engine. The web layer sees
/// contracts and the client library, never grain implementations; grains know no HTTP; contracts and the client
/// library know no implementation. Each rule names the offending types when it breaks.
/// </summary>
public sealed class LayerTests
{
    [Fact]
    public void Frontend_UsesNoGrainImplementation() =>
        Assert.Empty(Layer.Violations(Layer.Frontend, Layer.Grains));

    [Fact]
    public void Rule_AppliedToAnAssemblyThatUsesGrainImplementations_NamesItsTypes()
    {
        // Hosting wires the grains into a silo, so it must use them: the same rule that keeps the front end clean
        // has to catch it, or the rule above proves nothing.
        var violations = Layer.Violations(Layer.Hosting, Layer.Grains);

        Assert.Contains(violations, name => name.StartsWith("PPipe.Hosting.", StringComparison.Ordinal));
    }

    [Fact]
    public void Contracts_UseNothingButTheScenarioEngine() =>
        Assert.Empty(Layer.Violations(Layer.Contracts, Layer.Client, Layer.Grains, Layer.Hosting, Layer.Frontend, Layer.Simulation));

    [Fact]
    public void ClientLibrary_UsesNoImplementationOrHost() =>
        Assert.Empty(Layer.Violations(Layer.Client, Layer.Grains, Layer.Hosting, Layer.Frontend, Layer.Simulation));

    [Fact]
    public void Grains_KnowNoHttpServerAndNoHost()
    {
        Assert.Empty(Layer.Violations(Layer.Grains, Layer.Hosting, Layer.Frontend, Layer.Simulation));
        Assert.Empty(Layer.NamespaceViolations(Layer.Grains, "Microsoft.AspNetCore"));
    }

    [Fact]
    public void ScenarioEngine_KnowsNoOrleansAndNoOtherProject()
    {
        Assert.Empty(Layer.Violations(Layer.Scenarios, Layer.Contracts, Layer.Client, Layer.Grains, Layer.Hosting, Layer.Frontend, Layer.Simulation));
        Assert.Empty(Layer.NamespaceViolations(Layer.Scenarios, "Orleans", "Microsoft.AspNetCore"));
    }

    [Fact]
    public void ReferenceModels_KnowOnlyTheScenarioEngineAndMlNet()
    {
        Assert.Empty(Layer.Violations(Layer.ReferenceModels, Layer.Contracts, Layer.Client, Layer.Grains, Layer.Hosting, Layer.Frontend, Layer.Simulation));
        Assert.Empty(Layer.NamespaceViolations(Layer.ReferenceModels, "Orleans", "Microsoft.AspNetCore"));
    }

    [Fact]
    public void ScenarioEngine_AndTheLayersBelowTheFrontEnd_FitNoModels()
    {
        // Fitting is CPU-bound and takes up to a minute: it belongs to the front end that saves a scenario, never to a grain turn.
        Assert.Empty(Layer.Violations(Layer.Scenarios, Layer.ReferenceModels));
        Assert.Empty(Layer.Violations(Layer.Grains, Layer.ReferenceModels));
        Assert.Empty(Layer.Violations(Layer.Client, Layer.ReferenceModels));
    }

    [Fact]
    public void Simulation_TalksToThePlatformOnlyOverHttp() =>
        Assert.Empty(Layer.Violations(Layer.Simulation, Layer.Contracts, Layer.Client, Layer.Grains, Layer.Hosting, Layer.Frontend));

    [Fact]
    public void GrainImplementations_AreNotPublic()
    {
        var grains = Layer.Grains.GetTypes().Where(t => typeof(Grain).IsAssignableFrom(t) && !t.IsAbstract);

        var exposed = grains.Where(t => t.IsPublic).Select(t => t.FullName).ToList();

        Assert.NotEmpty(grains);
        Assert.Empty(exposed);
    }

    [Fact]
    public void Contracts_LiveApartFromImplementationNamespaces()
    {
        var misplaced = Layer.Contracts.GetTypes()
            .Where(t => t.Namespace?.StartsWith("PPipe.", StringComparison.Ordinal) == true)
            .Where(t => !t.Namespace!.StartsWith("PPipe.Grains.Interfaces", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(misplaced);
    }

    [Fact]
    public void ProjectReferences_FrontendDoesNotReferenceTheGrainsProjectDirectly()
    {
        var referenced = Layer.Frontend.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(Layer.Grains.GetName().Name, referenced);
    }
}
