using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BlazorLedger.Tests.Infrastructure;

public static class ComponentTestExtensions
{
    /// <summary>Opens the MudSelect marked with <paramref name="testId"/> (the n-th, if several) and picks the option whose text starts with <paramref name="option"/>.</summary>
    public static void Choose<T>(this IRenderedComponent<T> host, string testId, string option, int index = 0)
        where T : IComponent
    {
        host.FindAll($"[data-testid={testId}]")[index].MouseDown();
        host.WaitForAssertion(() => Assert.Contains(host.FindAll(".mud-popover-open .mud-list-item"), i => i.TextContent.Trim().StartsWith(option, StringComparison.Ordinal)));
        host.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim().StartsWith(option, StringComparison.Ordinal)).Click();
    }

    /// <summary>Types into the MudTextField input marked with <paramref name="testId"/> (the n-th, if several).</summary>
    public static void Type<T>(this IRenderedComponent<T> host, string testId, string text, int index = 0)
        where T : IComponent
    {
        var input = host.FindAll($"input[data-testid={testId}]")[index];
        try
        {
            input.Input(text); // fields that update as you type
        }
        catch (MissingEventHandlerException)
        {
            input.Change(text); // fields that update when you leave them
        }
    }

    public static IElement ByTestId<T>(this IRenderedComponent<T> host, string testId)
        where T : IComponent => host.Find($"[data-testid={testId}]");
}
