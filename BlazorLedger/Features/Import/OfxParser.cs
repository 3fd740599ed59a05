using System.Net;
using System.Text;

namespace BlazorLedger.Features.Import;

/// <summary>
/// A small strict parser for OFX: version 1 (SGML, whose leaf elements have no end tags) and version 2 (XML). It builds the
/// element tree and nothing else; a document it cannot read gives the line and column of the first fault.
/// </summary>
internal static class OfxParser
{
    private enum Kind { Start, End, Text }

    private readonly record struct Token(Kind Kind, string Value, int Line, int Column);

    /// <summary>Whether <paramref name="text"/> looks like OFX at all (its header or its root element), as opposed to CSV.</summary>
    public static bool LooksLikeOfx(string text)
    {
        var start = text.AsSpan().TrimStart();
        return start.StartsWith("OFXHEADER", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<OFX>", StringComparison.OrdinalIgnoreCase)
            || (start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && text.Contains("<OFX>", StringComparison.OrdinalIgnoreCase));
    }

    public static bool TryParse(string text, out OfxElement root, out StatementError error)
    {
        root = new OfxElement("", 0, 0);
        error = StatementError.File("");
        var scanner = new Scanner(text);
        if (!scanner.SkipPrologue(out error))
        {
            return false;
        }
        var tokens = new List<Token>();
        while (scanner.Next(out var token, out error) is { } more)
        {
            if (!more)
            {
                return false;
            }
            tokens.Add(token);
        }
        if (error.Message.Length > 0)
        {
            return false;
        }
        return Build(tokens, root, out error);
    }

    private static bool Build(List<Token> tokens, OfxElement root, out StatementError error)
    {
        error = StatementError.File("");
        var open = new Stack<OfxElement>();
        open.Push(root);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case Kind.Start:
                    var element = new OfxElement(token.Value, token.Line, token.Column);
                    open.Peek().Children.Add(element);
                    var next = i + 1 < tokens.Count ? tokens[i + 1] : (Token?)null;
                    if (next is { Kind: Kind.Text } value)
                    {
                        // SGML leaf: the value runs to the next tag; XML closes it there.
                        element.Value = value.Value;
                        i++;
                        if (i + 1 < tokens.Count && tokens[i + 1] is { Kind: Kind.End } end && end.Value == token.Value)
                        {
                            i++;
                        }
                    }
                    else if (next is { Kind: Kind.End } close && close.Value == token.Value)
                    {
                        element.Value = "";
                        i++;
                    }
                    else
                    {
                        open.Push(element);
                    }
                    break;
                case Kind.End:
                    if (!open.Any(e => e.Name == token.Value) || open.Peek() == root)
                    {
                        error = new StatementError(token.Line, token.Column, $"</{token.Value}> closes an element that is not open.");
                        return false;
                    }
                    // An SGML element with neither value nor children (<MEMO> just before </STMTTRN>) is an empty leaf.
                    while (open.Peek().Name != token.Value)
                    {
                        var unclosed = open.Pop();
                        if (unclosed.Children.Count > 0)
                        {
                            error = new StatementError(token.Line, token.Column,
                                $"</{token.Value}> comes before </{unclosed.Name}>, which <{unclosed.Name}> on line {unclosed.Line} needs.");
                            return false;
                        }
                        unclosed.Value = "";
                    }
                    open.Pop();
                    break;
                default:
                    error = new StatementError(token.Line, token.Column, $"Text \"{Short(token.Value)}\" is outside any element.");
                    return false;
            }
        }
        if (open.Peek() != root)
        {
            var unclosed = open.Peek();
            error = new StatementError(unclosed.Line, unclosed.Column, $"<{unclosed.Name}> is never closed: the file ends first.");
            return false;
        }
        if (root.Children is not [{ Name: "OFX" }])
        {
            error = StatementError.File("The file's content is not one <OFX> element.");
            return false;
        }
        return true;
    }

    private static string Short(string text) => text.Length > 30 ? text[..30] + "…" : text;

    private sealed class Scanner(string text)
    {
        private int position;
        private int line = 1;
        private int column = 1;

        private bool AtEnd => position >= text.Length;

        private char Peek => text[position];

        private void Advance()
        {
            if (text[position] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
            position++;
        }

        private void SkipWhitespace()
        {
            while (!AtEnd && char.IsWhiteSpace(Peek))
            {
                Advance();
            }
        }

        private bool StartsWith(string value) => text.AsSpan(position).StartsWith(value, StringComparison.Ordinal);

        /// <summary>Skips the version 1 header lines (KEY:VALUE), or the XML declaration, processing instructions and comments.</summary>
        public bool SkipPrologue(out StatementError error)
        {
            error = StatementError.File("");
            SkipWhitespace();
            if (StartsWith("OFXHEADER"))
            {
                while (!AtEnd && Peek != '<')
                {
                    var (startLine, startColumn) = (line, column);
                    var end = text.IndexOf('\n', position);
                    var headerLine = (end < 0 ? text[position..] : text[position..end]).Trim();
                    if (headerLine.Length > 0 && !headerLine.Contains(':', StringComparison.Ordinal))
                    {
                        error = new StatementError(startLine, startColumn, $"\"{Short(headerLine)}\" is not an OFX header line (NAME:VALUE).");
                        return false;
                    }
                    while (!AtEnd && Peek != '\n')
                    {
                        Advance();
                    }
                    SkipWhitespace();
                }
            }
            return true;
        }

        /// <summary>The next token: true with it, null at the end, false on a fault (in <paramref name="error"/>).</summary>
        public bool? Next(out Token token, out StatementError error)
        {
            token = default;
            error = StatementError.File("");
            while (true)
            {
                SkipWhitespace();
                if (AtEnd)
                {
                    return null;
                }
                if (StartsWith("<?") || StartsWith("<!--"))
                {
                    var close = StartsWith("<?") ? "?>" : "-->";
                    var (startLine, startColumn) = (line, column);
                    var end = text.IndexOf(close, position, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        error = new StatementError(startLine, startColumn, $"This {(close == "?>" ? "processing instruction" : "comment")} is never closed.");
                        return false;
                    }
                    while (position < end + close.Length)
                    {
                        Advance();
                    }
                    continue;
                }
                break;
            }

            var (tokenLine, tokenColumn) = (line, column);
            if (Peek != '<')
            {
                var start = position;
                while (!AtEnd && Peek != '<')
                {
                    Advance();
                }
                var raw = text[start..position].Trim();
                if (raw.Contains('>'))
                {
                    error = new StatementError(tokenLine, tokenColumn, $"\"{Short(raw)}\" has a '>' outside a tag.");
                    return false;
                }
                token = new Token(Kind.Text, Decode(raw), tokenLine, tokenColumn);
                return true;
            }

            Advance();
            var isEnd = !AtEnd && Peek == '/';
            if (isEnd)
            {
                Advance();
            }
            var name = new StringBuilder();
            while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || Peek is '.' or '_'))
            {
                name.Append(char.ToUpperInvariant(Peek));
                Advance();
            }
            if (AtEnd || Peek != '>' || name.Length == 0)
            {
                error = new StatementError(line, column, name.Length == 0
                    ? "Expected a tag name after '<'."
                    : $"The tag <{(isEnd ? "/" : "")}{name}> is not closed with '>' (OFX tags have no attributes).");
                return false;
            }
            Advance();
            token = new Token(isEnd ? Kind.End : Kind.Start, name.ToString(), tokenLine, tokenColumn);
            return true;
        }

        /// <summary>XML and SGML entities; a lone '&amp;' (common in version 1 files: "AT&amp;T") stays as it is.</summary>
        private static string Decode(string value) =>
            value.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(value) : value;
    }
}
