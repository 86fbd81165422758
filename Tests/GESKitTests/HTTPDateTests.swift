import Foundation
import Testing

@testable import GESKit

/// HTTP-dates: the `Date` header a server stamps on its answers (ges-api.md §12) and `Retry-After`'s date form.
struct HTTPDateTests {
    /// Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example.
    static let example = Date(timeIntervalSince1970: 784_111_777)

    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
        "  Sun, 06 Nov 1994 08:49:37 GMT ",
    ])
    func theThreeFormsAreRead(_ text: String) {
        #expect(HTTPDate.parse(text) == Self.example)
    }

    @Test(arguments: [
        "", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37 +0000",
        "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:49:37 GMT", "1994-11-06T08:49:37Z", "784111777",
    ])
    func anythingElseIsNoDate(_ text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test func aServerSendsIMFFixdateInWholeSeconds() {
        #expect(HTTPDate.format(Self.example) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(Self.example.addingTimeInterval(0.999)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 1_795_745_700)) == "Fri, 27 Nov 2026 02:15:00 GMT")
    }

    @Test(arguments: [0, 1, 784_111_777.5, 1_795_745_700, 4_102_444_799] as [Double])
    func whatIsFormattedReadsBackToTheSecond(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(HTTPDate.parse(HTTPDate.format(date)) == Date(timeIntervalSince1970: seconds.rounded(.down)))
    }

    @Test func theFormatMatchesThePlatformFormatterAcrossCenturies() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var generator = SystemRandomNumberGenerator()
        let samples =
            [-2_208_988_800, -1, 0, 951_782_400, 4_107_542_400]
            + (0..<500).map { _ in
                Int64.random(in: -2_208_988_800...4_102_444_799, using: &generator)
            }
        for seconds in samples {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(HTTPDate.format(date) == formatter.string(from: date), "\(seconds)")
        }
    }
}
