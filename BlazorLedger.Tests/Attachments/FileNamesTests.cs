using BlazorLedger.Data;
using BlazorLedger.Features.Attachments;

namespace BlazorLedger.Tests.Attachments;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("receipt.png", "receipt.png")]
    [InlineData("../../etc/passwd.png", "passwd.png")]
    [InlineData(@"C:\Users\alice\Desktop\Lunch receipt.PNG", "Lunch receipt.PNG")]
    [InlineData("lunch\u0000\r\n.png", "lunch.png")]
    // A right-to-left override would show "receiptgnp.exe" as "receiptexe.png".
    [InlineData("receipt\u202Egnp.exe", "receiptgnp.exe.png")]
    [InlineData("a<b>c:d|e?f*g\"h.png", "a_b_c_d_e_f_g_h.png")]
    [InlineData(".hidden.png", "hidden.png")]
    [InlineData("", "attachment.png")]
    [InlineData(null, "attachment.png")]
    [InlineData("/", "attachment.png")]
    [InlineData("...", "attachment.png")]
    [InlineData("scan.2026", "scan.2026.png")]
    // The type is the content's: a PNG named .pdf is a PNG by name too.
    [InlineData("receipt.pdf", "receipt.png")]
    [InlineData("receipt.svg", "receipt.svg.png")]
    public void A_name_keeps_its_last_segment_without_control_or_reserved_characters_and_ends_in_its_kinds_extension(string? raw, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(raw, FileKinds.Png));

    [Fact]
    public void An_overlong_name_is_cut_to_the_limit_keeping_its_extension_and_whole_characters()
    {
        var name = FileNames.Sanitize(new string('a', 300) + ".jpeg", FileKinds.Jpeg);
        var emoji = FileNames.Sanitize(new string('a', AttachmentLimits.MaxFileName - 7) + "😀😀😀.pdf", FileKinds.Pdf);

        Assert.Equal(AttachmentLimits.MaxFileName, name.Length);
        Assert.EndsWith("aaa.jpeg", name);
        Assert.True(emoji.Length <= AttachmentLimits.MaxFileName);
        Assert.EndsWith(".pdf", emoji);
        // A lone half of a surrogate pair would come back from UTF-8 as U+FFFD.
        Assert.Equal(emoji, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(emoji)));
        Assert.EndsWith("a😀.pdf", emoji);
    }

    [Fact]
    public void Kinds_are_told_by_their_bytes_and_anything_else_is_none()
    {
        Assert.Equal(FileKinds.Png, FileKinds.Detect(AttachmentFiles.Png));
        Assert.Equal(FileKinds.Jpeg, FileKinds.Detect(AttachmentFiles.Jpeg));
        Assert.Equal(FileKinds.Gif, FileKinds.Detect(AttachmentFiles.Gif));
        Assert.Equal(FileKinds.WebP, FileKinds.Detect(AttachmentFiles.WebP));
        Assert.Equal(FileKinds.Pdf, FileKinds.Detect(AttachmentFiles.Pdf));
        Assert.Null(FileKinds.Detect(AttachmentFiles.Html));
        Assert.Null(FileKinds.Detect(AttachmentFiles.Svg));
        Assert.Null(FileKinds.Detect(AttachmentFiles.Script));
        Assert.Null(FileKinds.Detect(AttachmentFiles.LatePdf));
        Assert.Null(FileKinds.Detect("RIFF\0\0\0\0WAVE"u8));
        Assert.Null(FileKinds.Detect([]));
    }
}
