using BlazorLedger.Common;

namespace BlazorLedger.Tests.Infrastructure;

public sealed record TestUser(Actor Actor, string UserId, Guid BookId);
