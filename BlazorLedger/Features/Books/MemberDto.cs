using BlazorLedger.Data;

namespace BlazorLedger.Features.Books;

public sealed record MemberDto(string UserId, string DisplayName, string Email, BookRole Role, DateTime Since);
