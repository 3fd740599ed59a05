using BlazorLedger.Components.Layout;
using BlazorLedger.Tests.Infrastructure;
using Bunit;

namespace BlazorLedger.Tests.Layout;

public sealed class KeyboardShortcutsTests : LedgerComponentTest
{
    private IRenderedComponent<WithProviders> RenderShortcuts() =>
        Render<WithProviders>(p => p.AddChildContent<KeyboardShortcuts>());

    [Fact]
    public void The_keyboard_button_opens_a_dialog_listing_every_shortcut()
    {
        var host = RenderShortcuts();

        host.Find("[data-testid=shortcuts-help]").Click();

        host.WaitForAssertion(() => Assert.Equal(KeyboardShortcut.All.Count, host.FindAll("[data-testid=shortcut]").Count));
        var shown = host.FindAll("[data-testid=shortcut]")
            .ToDictionary(r => string.Join("+", r.QuerySelectorAll("kbd").Select(k => k.TextContent)), r => r.TextContent);
        Assert.Contains("New transaction", shown["n"]);
        Assert.Contains("Search", shown["/"]);
        Assert.Contains("Post", shown["Ctrl+Enter"]);
        Assert.Contains("shortcuts", shown["?"]);
    }

    [Fact]
    public void Closing_the_dialog_removes_it()
    {
        var host = RenderShortcuts();
        host.Find("[data-testid=shortcuts-help]").Click();
        host.WaitForAssertion(() => host.Find("[data-testid=close-shortcuts]"));

        host.Find("[data-testid=close-shortcuts]").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=shortcuts-dialog]")));
    }

    [Fact]
    public void Pressing_question_mark_again_while_the_help_is_open_does_not_stack_a_second_dialog()
    {
        var host = RenderShortcuts();
        var shortcuts = host.FindComponent<KeyboardShortcuts>();

        // As the script calls it for each "?": the first call lasts as long as the dialog is open.
        _ = host.InvokeAsync(shortcuts.Instance.ShowHelpAsync);
        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=shortcuts-dialog]")));
        _ = host.InvokeAsync(shortcuts.Instance.ShowHelpAsync);

        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=shortcuts-dialog]")));
        Assert.Equal(KeyboardShortcut.All.Count, host.FindAll("[data-testid=shortcut]").Count);
    }

    [Fact]
    public async Task The_listener_is_attached_once_when_interactive_and_detached_when_the_layout_goes()
    {
        var module = JSInterop.SetupModule("./js/shortcuts.js");
        module.Setup<int>("attach", _ => true).SetResult(7);
        module.SetupVoid("detach", _ => true);
        var host = RenderShortcuts();
        host.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "attach"));

        host.Render();
        await DisposeComponentsAsync();

        Assert.Single(module.Invocations, i => i.Identifier == "attach");
        Assert.Equal([7], module.VerifyInvoke("detach").Arguments);
    }
}
