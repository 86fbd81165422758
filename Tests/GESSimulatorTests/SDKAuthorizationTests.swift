import Testing

@testable import GESSimulator

struct SDKAuthorizationTests {
    @Test func splitsTheThreeParts() throws {
        let parsed = try #require(
            SDKAuthorization(
                parsing: "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=Content-Type;host;x-sdk-date, Signature=AB01"
            )
        )
        #expect(parsed.accessKey == "AK1")
        #expect(parsed.signedHeaders == ["content-type", "host", "x-sdk-date"])
        #expect(parsed.signature == "ab01")
    }

    @Test(arguments: [
        "Bearer abc",
        "SDK-HMAC-SHA1 Access=A, SignedHeaders=host, Signature=00",
        "SDK-HMAC-SHA256 Access=A, SignedHeaders=host",
        "SDK-HMAC-SHA256 Access=A, SignedHeaders=host, Signature",
        "SDK-HMAC-SHA256Access=A, SignedHeaders=host, Signature=00",
    ])
    func refusesWhatIsNotAnSDKAuthorization(value: String) {
        #expect(SDKAuthorization(parsing: value) == nil)
    }
}
