/// The download badges of one package: total, last month, last week.
public enum BadgeSet {
  public struct Named: Equatable, Sendable {
    /// File stem under `badges/`, e.g. `demo-pkg-downloads-month`.
    public var name: String
    public var badge: Badge
  }

  public static func downloads(_ stats: PackageStats, labelColor: String = "grey") -> [Named] {
    let stem = "\(stats.package)-downloads"
    return [
      Named(name: "\(stem)-total", badge: Badge(
        label: "downloads", message: NumberFormat.metric(stats.totalDownloads),
        color: NumberFormat.downloadColor(stats.totalDownloads), labelColor: labelColor)),
      Named(name: "\(stem)-month", badge: Badge(
        label: "downloads", message: NumberFormat.metric(stats.lastMonth) + "/month",
        color: NumberFormat.downloadColor(stats.lastMonth), labelColor: labelColor)),
      Named(name: "\(stem)-week", badge: Badge(
        label: "downloads", message: NumberFormat.metric(stats.lastWeek) + "/week",
        color: NumberFormat.downloadColor(stats.lastWeek), labelColor: labelColor)),
    ]
  }
}
