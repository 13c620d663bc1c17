using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Tests.Protocol;

public sealed class ProtocolVersionTests
{
    [Fact]
    public void GivenBlankLabel_WhenCreatingVersion_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new ProtocolVersion(" "));
}
