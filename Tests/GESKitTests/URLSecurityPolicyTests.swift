import Foundation
import Testing

@testable import GESKit

struct URLSecurityPolicyTests {
    @Test(arguments: ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"])
    func loopbackHosts(_ host: String) {
        #expect(URLSecurityPolicy.isLoopback(host: host))
    }

    @Test(arguments: ["128.0.0.1", "127.0.0.1.evil.com", "127.0.0", "10.0.0.1", "example.com", "::2", "localhost.evil"])
    func nonLoopbackHosts(_ host: String) {
        #expect(!URLSecurityPolicy.isLoopback(host: host))
    }

    @Test func httpsAlwaysAllowedAndHTTPOnlyToLoopback() throws {
        try URLSecurityPolicy.check(try #require(URL(string: "https://ges.cn-north-4.myhuaweicloud.com/v2")))
        try URLSecurityPolicy.check(try #require(URL(string: "http://127.0.0.1:8080/v2")))
        try URLSecurityPolicy.check(try #require(URL(string: "http://[::1]:8080/v2")))
        #expect(throws: TransportError.self) {
            try URLSecurityPolicy.check(try #require(URL(string: "http://ges.cn-north-4.myhuaweicloud.com/v2")))
        }
        #expect(throws: TransportError.self) {
            try URLSecurityPolicy.check(try #require(URL(string: "https://user:pw@example.com/")))
        }
    }
}
