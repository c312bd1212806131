extension TileMap {
  /// Almanac's own tile grid (no outside geometry): one square per country at a column and
  /// row that keep neighbours near each other, ISO 3166-1 alpha-2 codes. Countries not on the
  /// grid are still counted, in the table and the note under the map.
  static let layout: [String: (col: Int, row: Int)] = {
    let rows = [
      "IS 9, NO 12, SE 13, FI 14",
      "CA 2, IE 10, GB 11, DK 12, EE 14, RU 15",
      "US 2, NL 11, DE 12, PL 13, LV 14, BY 15, KZ 16, MN 18, JP 22",
      "MX 2, CU 3, DO 4, LU 10, BE 11, CZ 12, SK 13, LT 14, UA 15, UZ 16, KG 17, CN 18, KP 19, KR 20",
      "GT 2, HN 3, JM 4, PR 5, FR 10, CH 11, AT 12, HU 13, RO 14, MD 15, GE 16, TJ 17, TW 19, HK 20",
      "SV 2, NI 3, TT 5, PT 9, ES 10, IT 11, SI 12, HR 13, RS 14, BG 15, AM 16, AZ 17, AF 18, PK 19, NP 20, BT 21",
      "CR 2, PA 3, VE 4, MA 9, DZ 10, MT 11, BA 12, ME 13, MK 14, GR 15, TR 16, IR 17, IN 19, BD 20, MM 21, LA 22, VN 23",
      "EC 2, CO 3, GY 4, SR 5, SN 8, ML 9, TN 10, LY 11, AL 13, CY 14, SY 15, IQ 16, KW 17, LK 19, TH 21, KH 22, PH 23",
      "PE 2, BR 3, BO 4, GH 8, BF 9, NE 10, TD 11, EG 12, LB 14, JO 15, SA 16, QA 17, MY 21, SG 22, BN 23",
      "CL 2, PY 3, UY 4, CI 8, NG 9, CM 10, CF 11, SD 12, ET 13, IL 14, PS 15, BH 16, AE 17, OM 18, ID 21, PG 23",
      "AR 3, GA 10, CG 11, UG 12, KE 13, SO 14, YE 15, AU 21, NZ 23",
      "AO 10, CD 11, RW 12, TZ 13, MG 15, FJ 23",
      "NA 10, ZM 11, MW 12, MZ 13, MU 15",
      "ZA 10, BW 11, ZW 12",
    ]
    var out: [String: (col: Int, row: Int)] = [:]
    for (row, line) in rows.enumerated() {
      for entry in line.split(separator: ",") {
        let parts = entry.split(separator: " ")
        out[String(parts[0])] = (Int(parts[1]) ?? 0, row)
      }
    }
    return out
  }()

  static let columns = 24
  static let rows = 14
}
