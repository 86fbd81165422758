import Foundation
import Testing

@testable import GESKit

struct CredentialsTests {
    /// A fresh temporary folder for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("geskit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func tokenFile(_ contents: String, mode: Int) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent("token")
        try Data(contents.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url.path
    }

    static let iam = [
        "HUAWEICLOUD_IAM_ENDPOINT": "https://iam.cn-north-4.myhuaweicloud.com",
        "HUAWEICLOUD_DOMAIN_NAME": "acme", "HUAWEICLOUD_USER_NAME": "robot", "HUAWEICLOUD_PASSWORD": "pw",
    ]

    @Test func akskWinsOverEverythingElse() throws {
        var environment = Self.iam
        environment["HUAWEICLOUD_SDK_AK"] = "AK1"
        environment["HUAWEICLOUD_SDK_SK"] = "SK1"
        environment["HUAWEICLOUD_SDK_SECURITY_TOKEN"] = "ST1"
        environment["GES_AUTH_TOKEN"] = "T1"
        let credentials = try Credentials.resolve(environment: environment, projectID: "p1")
        #expect(credentials == .accessKey(id: "AK1", secret: "SK1", securityToken: "ST1"))
    }

    @Test func tokenWinsOverIAM() throws {
        var environment = Self.iam
        environment["GES_AUTH_TOKEN"] = " T1\n"
        #expect(try Credentials.resolve(environment: environment, projectID: "p1") == .token("T1"))
    }

    @Test func halfAKSKIsAnError() {
        let error = #expect(throws: AuthError.self) {
            _ = try Credentials.resolve(environment: ["HUAWEICLOUD_SDK_AK": "AK1", "GES_AUTH_TOKEN": "T"])
        }
        #expect(error?.kind == .incomplete)
        #expect(error?.description.contains("HUAWEICLOUD_SDK_SK") == true)
    }

    @Test func privateTokenFileIsRead() throws {
        let path = try Self.tokenFile("tok-123\n", mode: 0o600)
        #expect(try Credentials.resolve(environment: ["GES_AUTH_TOKEN_FILE": path]) == .token("tok-123"))
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o606])
    func tokenFileOpenToOthersIsRefused(_ mode: Int) throws {
        let path = try Self.tokenFile("tok-SECRET-123", mode: mode)
        let error = #expect(throws: AuthError.self) {
            _ = try Credentials.resolve(environment: ["GES_AUTH_TOKEN_FILE": path])
        }
        #expect(error?.kind == .tokenFile)
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("chmod 600") == true)
        #expect(error?.description.contains("tok-SECRET-123") == false)
    }

    @Test func missingOrEmptyTokenFileIsRefused() throws {
        let missing = try Self.temporaryDirectory().appendingPathComponent("absent").path
        #expect(throws: AuthError.self) { _ = try Credentials.resolve(environment: ["GES_AUTH_TOKEN_FILE": missing]) }
        let empty = try Self.tokenFile(" \n", mode: 0o600)
        #expect(throws: AuthError.self) { _ = try Credentials.resolve(environment: ["GES_AUTH_TOKEN_FILE": empty]) }
    }

    @Test func iamIsScopedByProjectIDOrRegion() throws {
        let byID = try Credentials.resolve(environment: Self.iam, projectID: "p1", region: "cn-north-4")
        let byName = try Credentials.resolve(environment: Self.iam, region: "cn-north-4")
        guard case .iamPassword(let first) = byID, case .iamPassword(let second) = byName else {
            Issue.record("expected IAM credentials")
            return
        }
        #expect(first.scope == .id("p1"))
        #expect(second.scope == .name("cn-north-4"))
        #expect(first.userName == "robot")
        #expect(first.endpoint.absoluteString == "https://iam.cn-north-4.myhuaweicloud.com")
        #expect(throws: AuthError.self) { _ = try Credentials.resolve(environment: Self.iam) }
    }

    @Test func partialIAMNamesTheMissingVariables() {
        let error = #expect(throws: AuthError.self) {
            _ = try Credentials.resolve(
                environment: ["HUAWEICLOUD_USER_NAME": "robot", "HUAWEICLOUD_PASSWORD": "pw"], projectID: "p1")
        }
        #expect(error?.kind == .incomplete)
        #expect(error?.description.contains("HUAWEICLOUD_IAM_ENDPOINT") == true)
        #expect(error?.description.contains("HUAWEICLOUD_DOMAIN_NAME") == true)
        #expect(error?.description.contains("pw") == false)
    }

    @Test func nothingConfiguredIsMissing() {
        let error = #expect(throws: AuthError.self) { _ = try Credentials.resolve(environment: ["HOME": "/root"]) }
        #expect(error?.kind == .missing)
    }
}
