using KetamineClinic.Domain.Screening;

namespace KetamineClinic.Domain.Tests.Screening;

public sealed class DrugCatalogueTests
{
    [Theory]
    [InlineData("Bupropion XL", "bupropion")]
    [InlineData("  THEOPHYLLINE   ER ", "theophylline")]
    [InlineData("venlafaxine hcl xr", "venlafaxine")]
    [InlineData("ER", "er")]
    [InlineData("Vortioxetine", "vortioxetine")]
    public void GivenADrugName_WhenNormalising_ThenLowerCaseWithoutFormulationWords(string name, string expected) =>
        Assert.Equal(expected, DrugCatalogue.Normalise(name));

    [Theory]
    [InlineData("Zoloft", "sertraline", AntidepressantClass.Ssri)]
    [InlineData("Wellbutrin XL", "bupropion", AntidepressantClass.Ndri)]
    [InlineData("nortriptyline", "nortriptyline", AntidepressantClass.Tca)]
    [InlineData("Parnate", "tranylcypromine", AntidepressantClass.Maoi)]
    [InlineData("Remeron", "mirtazapine", AntidepressantClass.NaSSA)]
    [InlineData("Cymbalta", "duloxetine", AntidepressantClass.Snri)]
    [InlineData("trazodone", "trazodone", AntidepressantClass.Other)]
    public void GivenAnAntidepressant_WhenLookingUp_ThenGenericAndClass(string name, string generic, AntidepressantClass cls)
    {
        var info = DrugCatalogue.Lookup(name);

        Assert.NotNull(info);
        Assert.Equal(generic, info.GenericName);
        Assert.Equal(cls, info.Antidepressant);
    }

    [Theory]
    [InlineData("Klonopin", InteractionClass.Benzodiazepine)]
    [InlineData("Klonopin", InteractionClass.CnsDepressant)]
    [InlineData("zolpidem", InteractionClass.CnsDepressant)]
    [InlineData("Vivitrol", InteractionClass.Naltrexone)]
    [InlineData("phenelzine", InteractionClass.Maoi)]
    [InlineData("Vyvanse", InteractionClass.Psychostimulant)]
    [InlineData("escitalopram", InteractionClass.Ssri)]
    [InlineData("aminophylline", InteractionClass.Theophylline)]
    [InlineData("lamotrigine", InteractionClass.Lamotrigine)]
    public void GivenAnInteractingDrug_WhenLookingUp_ThenItsClass(string name, InteractionClass cls) =>
        Assert.Contains(cls, DrugCatalogue.Lookup(name)!.Interactions);

    [Fact]
    public void GivenAnUnknownDrug_WhenLookingUp_ThenNullAndTheNormalisedNameIsItsOwnGeneric()
    {
        Assert.Null(DrugCatalogue.Lookup("Levothyroxine"));
        Assert.Equal("levothyroxine", DrugCatalogue.GenericNameOf("Levothyroxine"));
        Assert.Equal("sertraline", DrugCatalogue.GenericNameOf("ZOLOFT"));
    }

    [Fact]
    public void GivenABlankName_WhenNormalising_ThenRejected() =>
        Assert.ThrowsAny<ArgumentException>(() => DrugCatalogue.Normalise("  "));
}
