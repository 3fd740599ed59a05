// Keyboard shortcuts: one keydown listener for the document's whole life. Enhanced navigation and interactive routing swap
// pages (and may start a new layout) without reloading the document, so the module keeps the listener and only the
// .NET side (the help dialog) is attached and detached with the layout that hosts it.
let installed = false;
let helper = null;
let generation = 0;

/** Attaches the layout's .NET object (for the help dialog); returns a token that detaches exactly this attachment. */
export function attach(dotNet) {
    if (!installed) {
        document.addEventListener('keydown', onKeyDown);
        installed = true;
    }
    helper = dotNet;
    return ++generation;
}

/** A layout that goes away detaches itself, unless a newer one has attached since. */
export function detach(token) {
    if (token === generation) {
        helper = null;
    }
}

function isTyping(target) {
    return target instanceof Element
        && (target.closest('input, textarea, select') !== null || (target instanceof HTMLElement && target.isContentEditable));
}

function onKeyDown(event) {
    if (event.defaultPrevented || event.isComposing || event.altKey || event.metaKey) {
        return;
    }
    const target = event.target;
    if (event.ctrlKey) {
        if (event.key === 'Enter') {
            post(event, target);
        }
        return;
    }
    // Behind an open dialog the page's shortcuts would act on what the user cannot see.
    if (isTyping(target) || document.querySelector('.mud-dialog-container')) {
        return;
    }
    switch (event.key) {
        case 'n':
            click(event, '[data-shortcut=new]');
            break;
        case '/':
            focusSearch(event);
            break;
        case '?':
            if (helper) {
                event.preventDefault();
                helper.invokeMethodAsync('ShowHelpAsync');
            }
            break;
    }
}

function click(event, selector) {
    const marked = document.querySelector(selector);
    const link = marked?.closest('a') ?? marked?.querySelector('a');
    if (link) {
        event.preventDefault();
        link.click();
    }
}

function focusSearch(event) {
    const search = document.querySelector('[data-shortcut=search]');
    const field = search?.matches('input, textarea') ? search : search?.querySelector('input, textarea');
    if (field) {
        // Kept from the field it now focuses: the slash is the command, not the first letter of the search.
        event.preventDefault();
        field.focus();
        field.select();
    }
}

function post(event, target) {
    const form = document.querySelector('form[data-shortcut=post]');
    if (!form || (isTyping(target) && !form.contains(target))) {
        return;
    }
    event.preventDefault();
    // Fields that update when they are left (tags) would post their old value: leave the field first.
    if (document.activeElement instanceof HTMLElement && form.contains(document.activeElement)) {
        document.activeElement.blur();
    }
    form.requestSubmit();
}
