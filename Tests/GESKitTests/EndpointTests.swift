import Testing

@testable import GESKit

struct EndpointTests {
    @Test(arguments: [
        ("cn-north-4", "https://ges.cn-north-4.myhuaweicloud.com"),
        ("ap-southeast-1", "https://ges.ap-southeast-1.myhuaweicloud.com"),
        ("eu-west-101", "https://ges.eu-west-101.myhuaweicloud.eu"),
    ])
    func gesEndpoints(_ region: String, _ expected: String) {
        #expect(Endpoint.ges(region: region)?.absoluteString == expected)
    }

    @Test func iamAndCloudEye() {
        #expect(Endpoint.iam()?.absoluteString == "https://iam.myhuaweicloud.com")
        #expect(Endpoint.iam(region: "cn-north-4")?.absoluteString == "https://iam.cn-north-4.myhuaweicloud.com")
        #expect(Endpoint.ces(region: "cn-east-3")?.absoluteString == "https://ces.cn-east-3.myhuaweicloud.com")
        #expect(Endpoint.ces(region: "eu-west-101")?.absoluteString == "https://ces.eu-west-101.myhuaweicloud.eu")
    }

    @Test(arguments: ["", "CN-NORTH-4", "cn north", "evil.com/x", "a@b", "-cn"])
    func malformedRegionsGiveNoEndpoint(_ region: String) {
        #expect(Endpoint.ges(region: region) == nil)
    }
}
