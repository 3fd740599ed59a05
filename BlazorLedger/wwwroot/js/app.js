// Preferences are kept in cookies so the server knows them on the first render (no flash of the wrong theme or book).
window.blazorLedger = {
    setPreference(name, value) {
        document.cookie = `${encodeURIComponent(name)}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
    },
};
