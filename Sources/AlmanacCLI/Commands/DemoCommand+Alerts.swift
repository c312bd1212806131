import AlmanacKit

extension DemoCommand {
  /// The demo's alert rules, one per kind of question a maintainer asks: did downloads fall
  /// against last week, did the error count jump, did the docs traffic do something odd, did
  /// the people-shaped downloads fall over a week. They run like any night's: `alerts.json`,
  /// REPORT.md's `## Alerts`, the report's alerts panel, annotations.
  public static var alertRules: [AlertRule] {
    let downloads = MetricName(source: "pypistats", subject: package, measure: "downloads")
    let drop = AlertRule(id: AlertRule.defaultID(metric: downloads, condition: .dropPercent, threshold: 40), metric: downloads, condition: .dropPercent, threshold: 40)
    let errors = AlertRule(
      id: "error spike", metric: MetricName(source: "sentry", subject: package, measure: "errors"), condition: .anomaly,
      threshold: AlertRule.defaultAnomalyThreshold)
    var visitors = AlertRule(
      id: "docs visitors odd", metric: MetricName(source: "plausible", subject: "*", measure: "visitors"), condition: .anomaly,
      threshold: AlertRule.defaultAnomalyThreshold)
    visitors.baselineDays = 14
    var week = AlertRule(
      id: "people-shaped downloads fell over a week", metric: MetricName(source: "pypi", subject: "*", measure: "could_be_human"),
      condition: .dropPercent, threshold: 30)
    week.window = 7
    week.minDays = 2
    return [drop, errors, visitors, week]
  }
}
