import Yams

extension ConfigParser {
  /// `render.cache_seconds`, `render.named_logo` and `render.logo_color`: the extra keys of the
  /// badges' shields endpoint JSON, checked by shields' own rules (api-notes §7.1) so a typo
  /// fails here instead of breaking every badge on the README.
  static func badgeEndpoint(_ m: Cursor.Mapping, _ c: Cursor) throws(ConfigError) -> Badge.Endpoint {
    var endpoint = Badge.Endpoint()
    if let n = m["cache_seconds"] {
      // shields ignores values below its own minimum (300 s), so a smaller one would only mislead.
      endpoint.cacheSeconds = try c.int(n, "render.cache_seconds", range: 300...604_800)
    }
    if let n = m["named_logo"] {
      let slug = try c.string(n, "render.named_logo")
      guard Badge.Endpoint.isLogoSlug(slug) else {
        throw c.error(n, "render.named_logo", "expected a simple-icons slug in lowercase (python, github, readthedocs), found `\(slug)`")
      }
      endpoint.namedLogo = slug
    }
    if let n = m["logo_color"] {
      let color = try c.string(n, "render.logo_color")
      guard endpoint.namedLogo != nil else {
        throw c.error(n, "render.logo_color", "shields accepts a logo color only with a logo; add `named_logo` (for example `named_logo: python`) or remove `logo_color`")
      }
      guard Badge.hex(color) != nil else {
        throw c.error(n, "render.logo_color", "expected a shields color name (white, blue, …) or a hex color like fff, found `\(color)`")
      }
      endpoint.logoColor = color
    }
    return endpoint
  }
}
