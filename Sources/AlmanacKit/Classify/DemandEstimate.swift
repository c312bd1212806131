/// How much mirror and proxy traffic is pulled by people behind the proxy rather than by a sync.
///
/// A mirror that syncs fetches every version about equally (a uniform mix `u` over the versions
/// seen that day); a caching proxy (Nexus, Artifactory, devpi) fetches what its users ask for,
/// so its version mix follows the people's mix `h` (downloads by the installers that could be
/// people). A day's proxy mix `p` is modelled as the mixture `w·h + (1 − w)·u`; the demand
/// weight `w` is the least-squares fit, `w = ⟨p − u, h − u⟩ / ‖h − u‖²`, clamped to [0, 1].
/// The estimate is `w × proxy downloads`. README "Behind-proxy demand estimate" explains it.
///
/// No answer when it cannot be told: no proxy traffic with a human mix to compare, fewer than
/// two versions, or a human mix that is itself uniform (then sync and demand look alike).
public enum DemandEstimate {
  public struct Result: Equatable, Sendable {
    /// The demand-driven share of the proxy traffic, 0…1.
    public var weight: Double
    /// `weight × proxy downloads`, rounded.
    public var downloads: Int64
  }

  /// Below this ‖h − u‖² the human mix is too close to uniform to separate the two patterns.
  static let minimumSeparation = 1e-6

  public static func estimate(proxy: [String: Int64], human: [String: Int64]) -> Result? {
    let proxyTotal = proxy.values.reduce(0, +)
    let humanTotal = human.values.reduce(0, +)
    guard proxyTotal > 0, humanTotal > 0 else { return nil }
    let versions = Set(proxy.keys).union(human.keys).sorted()
    guard versions.count >= 2 else { return nil }
    let u = 1 / Double(versions.count)
    var dot = 0.0
    var norm = 0.0
    for v in versions {
      let p = Double(proxy[v] ?? 0) / Double(proxyTotal)
      let h = Double(human[v] ?? 0) / Double(humanTotal)
      dot += (p - u) * (h - u)
      norm += (h - u) * (h - u)
    }
    guard norm > minimumSeparation else { return nil }
    let weight = min(1, max(0, dot / norm))
    return Result(weight: weight, downloads: Int64((weight * Double(proxyTotal)).rounded()))
  }
}
