/// Text from outside (a referrer, a path or page title, a release tag or asset name, a login, a
/// Python version, a system, a package or repository name, an error message quoting a server)
/// made safe for one place in Markdown: a table cell, a list item, a heading, bold text.
///
/// GitHub sanitises what it renders; GitLab, IDE previews and static-site generators do not, so
/// every data-derived cell of `REPORT.md` and the step summary goes through `Markdown.text`:
///
/// - `&`, `<`, `>` become entities: no raw HTML (`<img src=x onerror=…>`), no autolink;
/// - `\`, `` ` ``, `*`, `_`, `~`, `[`, `]` and `|` are backslash-escaped: no emphasis, code span,
///   link or image (`[x](javascript:…)`), and no extra table column;
/// - line breaks and other control characters become one space: a cell stays on its line.
///
/// The text reads the same once rendered. Not for text inside a code span (escapes do not
/// work there): data is never put in backticks.
public enum Markdown {
  public static func text(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    var lastWasSpace = false
    for scalar in s.unicodeScalars {
      let isBreak = scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}"
      if isBreak {
        if !lastWasSpace { out += " " }
        lastWasSpace = true
        continue
      }
      lastWasSpace = false
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\\", "`", "*", "_", "~", "[", "]", "|": out += "\\" + String(scalar)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
