/// Escaping for HTML and SVG text and attribute values: the badges' XML escaping (`&apos;` is
/// valid HTML5 too), which also drops control characters.
public enum HTML {
  public static func escape(_ s: String) -> String { Badge.xmlEscape(s) }

  /// A badge drawn inline in the page. Its two ids (`s` and `r`) are prefixed with `prefix`,
  /// so several badges in one document each clip to their own shape.
  public static func inlineBadge(_ badge: Badge, prefix: String) -> String {
    badge.svg()
      .replacingOccurrences(of: "id=\"s\"", with: "id=\"\(prefix)s\"").replacingOccurrences(of: "url(#s)", with: "url(#\(prefix)s)")
      .replacingOccurrences(of: "id=\"r\"", with: "id=\"\(prefix)r\"").replacingOccurrences(of: "url(#r)", with: "url(#\(prefix)r)")
  }
}
