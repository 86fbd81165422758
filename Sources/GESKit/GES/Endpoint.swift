import Foundation

/// Service base URLs by region (docs/ges-api.md §5).
///
/// Regions of the European cloud (`eu-west-101`) live under `myhuaweicloud.eu`; the IAM host there
/// follows the same pattern but is unconfirmed.
public enum Endpoint {
    /// `https://ges.{region}.myhuaweicloud.com`, or nil for a malformed region name.
    public static func ges(region: String) -> URL? { url(service: "ges", region: region) }

    /// `https://ces.{region}.myhuaweicloud.com` (Cloud Eye), or nil for a malformed region name.
    public static func ces(region: String) -> URL? { url(service: "ces", region: region) }

    /// `https://smn.{region}.myhuaweicloud.com` (Simple Message Notification), or nil for a malformed region name.
    public static func smn(region: String) -> URL? { url(service: "smn", region: region) }

    /// The regional IAM endpoint, or the global `https://iam.myhuaweicloud.com` without a region.
    public static func iam(region: String? = nil) -> URL? {
        guard let region else { return URL(string: "https://iam.myhuaweicloud.com") }
        return url(service: "iam", region: region)
    }

    /// The DNS suffix of a region: `myhuaweicloud.eu` for `eu-west-101`, else `myhuaweicloud.com`.
    public static func domain(forRegion region: String) -> String {
        region == "eu-west-101" ? "myhuaweicloud.eu" : "myhuaweicloud.com"
    }

    /// Region names are lower-case letters, digits and `-` (e.g. `cn-north-4`, `ap-southeast-1`).
    public static func isValidRegion(_ region: String) -> Bool {
        !region.isEmpty && region.count <= 64 && !region.hasPrefix("-") && !region.hasSuffix("-")
            && region.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    private static func url(service: String, region: String) -> URL? {
        guard isValidRegion(region) else { return nil }
        return URL(string: "https://\(service).\(region).\(domain(forRegion: region))")
    }
}
