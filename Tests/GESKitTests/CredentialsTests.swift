import Foundation
import IdleStopTestSupport
import Synchronization
import Testing

@testable import GESKit

struct CredentialsTests {
    static func tokenFile(_ contents: String, mode: Int) throws -> String {
        let url = try TemporaryFolder.make("geskit-credentials").appendingPathComponent("token")
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
        let missing = try TemporaryFolder.make("geskit-credentials").appendingPathComponent("absent").path
        #expect(throws: AuthError.self) { _ = try Credentials.resolve(environment: ["GES_AUTH_TOKEN_FILE": missing]) }
        let empty = try Self.tokenFile(" \n", mode: 0o600)
        #expect(throws: AuthError.self) { _ = try Credentials.resolve(environment: ["GES_AUTH_TOKEN_FILE": empty]) }
    }

    /// The error `GES_AUTH_TOKEN_FILE=path` is refused with.
    static func refusal(_ path: String) -> AuthError? {
        #expect(throws: AuthError.self) { _ = try Credentials.resolve(environment: ["GES_AUTH_TOKEN_FILE": path]) }
    }

    @Test func aSymbolicLinkIsRefusedEvenToAGoodFile() throws {
        let target = try Self.tokenFile("tok-123", mode: 0o600)
        let link = URL(fileURLWithPath: target).deletingLastPathComponent().appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let error = Self.refusal(link)
        #expect(error?.kind == .tokenFile)
        #expect(error?.description == "token file \(link) is a symbolic link; name the file it points to instead")
    }

    @Test func aLinkedFolderOnTheWayIsFine() throws {
        let target = try Self.tokenFile("tok-123", mode: 0o600)
        let linked = try TemporaryFolder.make("geskit-credentials").appendingPathComponent("linked")
        try FileManager.default.createSymbolicLink(
            at: linked,
            withDestinationURL: URL(fileURLWithPath: target).deletingLastPathComponent()
        )
        let path = linked.appendingPathComponent("token").path
        #expect(try Credentials.resolve(environment: ["GES_AUTH_TOKEN_FILE": path]) == .token("tok-123"))
    }

    /// Opening a FIFO for reading waits for a writer; the token file is opened so that it never does.
    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let path = try TemporaryFolder.make("geskit-credentials").appendingPathComponent("token").path
        try #require(mkfifo(path, 0o600) == 0)
        let message = Self.finished(within: 10) { () -> String in
            do {
                return "read \(try Credentials.resolve(environment: ["GES_AUTH_TOKEN_FILE": path]))"
            } catch {
                return "\(error)"
            }
        }
        if message == nil {
            // The reader is stuck in open(2): a writer that comes and goes releases it.
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }
        #expect(message == "token file \(path) is not a regular file (it is a FIFO)")
    }

    @Test func aFolderIsNotATokenFile() throws {
        let folder = try TemporaryFolder.make("geskit-credentials").appendingPathComponent("token")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let message = Self.refusal(folder.path)?.description
        #expect(message == "token file \(folder.path) is not a regular file (it is a folder)")
    }

    @Test(.enabled(if: geteuid() == 0, "giving a file to another user needs root"))
    func aFileOwnedBySomeoneElseIsRefused() throws {
        let path = try Self.tokenFile("tok-123", mode: 0o600)
        try #require(chown(path, 65534, 65534) == 0)
        let message = Self.refusal(path)?.description ?? ""
        #expect(
            message.hasPrefix(
                "token file \(path) is owned by uid 65534, not by the user running the job (uid 0) or root"
            ),
            "\(message)"
        )
    }

    /// World-writable is refused with the sticky bit too: a token does not belong in a shared scratch folder.
    @Test(arguments: [0o777, 0o1777, 0o703] as [mode_t])
    func aFolderAnyoneMayWriteToIsRefused(mode: mode_t) throws {
        let path = try Self.tokenFile("tok-123", mode: 0o600)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try #require(chmod(folder, mode) == 0)
        let error = Self.refusal(path)
        #expect(error?.kind == .tokenFile)
        #expect(
            error?.description
                == "token file \(path) is in a folder anyone may write to (\(folder), mode \(String(mode, radix: 8))); "
                + "keep it in a folder only its owner can write to"
        )
    }

    @Test(arguments: [0o700, 0o755, 0o750] as [mode_t])
    func aFolderOthersMayNotWriteToIsFine(mode: mode_t) throws {
        let path = try Self.tokenFile("tok-123", mode: 0o600)
        try #require(chmod(URL(fileURLWithPath: path).deletingLastPathComponent().path, mode) == 0)
        #expect(try Credentials.resolve(environment: ["GES_AUTH_TOKEN_FILE": path]) == .token("tok-123"))
    }

    @Test func aFileLargerThanATokenIsRefused() throws {
        let path = try Self.tokenFile(String(repeating: "t", count: 65 * 1024), mode: 0o600)
        #expect(Self.refusal(path)?.description.contains("is larger than 64 KiB") == true)
    }

    /// `body` on a thread of its own; nil if it has not returned within `seconds` (it is left running).
    static func finished<T: Sendable>(within seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
        let slot = ResultSlot<T>()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let result = body()
            slot.value.withLock { $0 = result }
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return slot.value.withLock { $0 }
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
                environment: ["HUAWEICLOUD_USER_NAME": "robot", "HUAWEICLOUD_PASSWORD": "pw"],
                projectID: "p1"
            )
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

/// One result handed from a thread to the test.
private final class ResultSlot<T: Sendable>: Sendable {
    let value = Mutex<T?>(nil)
}
