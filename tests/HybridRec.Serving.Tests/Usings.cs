global using Xunit;

[assembly: AssemblyFixture(typeof(HybridRec.Serving.Tests.TestData.TestModels))]
