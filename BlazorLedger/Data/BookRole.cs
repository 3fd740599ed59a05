namespace BlazorLedger.Data;

public enum BookRole
{
    Viewer = 0,
    Editor = 1,
    Owner = 2,
}
