import Foundation
import GESKit
import IdleStopCore
import Testing

@testable import IdleStopCLI

#if canImport(Glibc)
import Glibc
#endif

/// Credentials from the environment completed by the config file's `auth:` section: each value from its
/// docs/SPEC.md §2 variable first, then from where `auth:` says; methods in docs/SPEC.md §2 order; no secret in any
/// message.
@Suite struct ClientFactoryTests {
    static let config = "/etc/ges-idle-stop/config.yml"
    static let project = CLIHarness.projectID

    func resolve(
        _ environment: [String: String],
        _ auth: ConfigFile.Auth?
    ) throws(CommandError)
        -> ClientFactory.ResolvedCredentials
    {
        try ClientFactory.resolveCredentials(
            environment: environment,
            auth: auth,
            configPath: Self.config,
            projectID: Self.project,
            region: nil
        )
    }

    /// Expects the resolution to fail with exit 1 (configuration: nothing was sent) and returns the message.
    func failure(_ environment: [String: String], _ auth: ConfigFile.Auth?) -> String {
        do {
            let resolved = try resolve(environment, auth)
            Issue.record("resolved unexpectedly: \(resolved.credentials)")
            return ""
        } catch {
            #expect(error.status == .badInput)
            #expect(Canary.leaks(in: error.description).isEmpty, "\(error.description)")
            return error.description
        }
    }

    /// A token file of `mode` holding the canary, in a fresh folder.
    func tokenFile(mode: mode_t) throws -> String {
        let path = try CLIHarness().path("token")
        try Canary.value.write(toFile: path, atomically: false, encoding: .utf8)
        try #require(chmod(path, mode) == 0)
        return path
    }

    @Test func withoutAnAuthSectionTheEnvironmentAloneDecides() throws {
        let resolved = try resolve(["GES_AUTH_TOKEN": "env-token"], nil)
        #expect(resolved.credentials == .token("env-token"))
        #expect(!resolved.isFromConfig)
        #expect(failure([:], nil).hasPrefix("no credentials"))
    }

    @Test func theVariableTokenEnvNamesIsReadWhenGESAuthTokenIsUnset() throws {
        let auth = ConfigFile.Auth(tokenEnv: "MY_GES_TOKEN")
        let resolved = try resolve(["MY_GES_TOKEN": " config-token\n"], auth)
        #expect(resolved.credentials == .token("config-token"))
        #expect(resolved.isFromConfig)
    }

    @Test func theEnvironmentWinsOverTheConfigForTheSameValue() throws {
        let auth = ConfigFile.Auth(tokenFile: "/nonexistent/token", tokenEnv: "MY_GES_TOKEN")
        let resolved = try resolve(["GES_AUTH_TOKEN": "env-token", "MY_GES_TOKEN": "config-token"], auth)
        #expect(resolved.credentials == .token("env-token"))
        #expect(!resolved.isFromConfig)
        // GES_AUTH_TOKEN_FILE wins over auth.token_file: the config's file is never opened.
        let file = try tokenFile(mode: 0o600)
        let fromFile = try resolve(["GES_AUTH_TOKEN_FILE": file], ConfigFile.Auth(tokenFile: "/nonexistent/token"))
        #expect(fromFile.credentials == .token(Canary.value))
        #expect(!fromFile.isFromConfig)
    }

    @Test func methodsKeepTheSpecOrderAcrossSources() throws {
        // AK/SK from the environment beats a token file from the config, as AK/SK beats a token in docs/SPEC.md §2.
        let file = try tokenFile(mode: 0o600)
        let environment = ["HUAWEICLOUD_SDK_AK": "AK", "HUAWEICLOUD_SDK_SK": "SK"]
        let resolved = try resolve(environment, ConfigFile.Auth(tokenFile: file))
        #expect(resolved.credentials == .accessKey(id: "AK", secret: "SK", securityToken: nil))
        #expect(!resolved.isFromConfig)
        // An environment token beats the config's AK/SK only within the same method; across methods AK/SK first.
        let auth = ConfigFile.Auth(accessKeyEnv: "MY_AK", secretKeyEnv: "MY_SK")
        let signed = try resolve(["GES_AUTH_TOKEN": "env-token", "MY_AK": "AK2", "MY_SK": "SK2"], auth)
        #expect(signed.credentials == .accessKey(id: "AK2", secret: "SK2", securityToken: nil))
        #expect(signed.isFromConfig)
    }

    @Test func accessKeysAreOneGroupFromOneSource() throws {
        let auth = ConfigFile.Auth(accessKeyEnv: "MY_AK", secretKeyEnv: "MY_SK", securityTokenEnv: "MY_ST")
        let environment = [
            "MY_AK": "AK2", "MY_SK": "SK2", "MY_ST": "ST2", "HUAWEICLOUD_SDK_SECURITY_TOKEN": "stale-token",
        ]
        #expect(
            try resolve(environment, auth).credentials == .accessKey(id: "AK2", secret: "SK2", securityToken: "ST2")
        )
        // With the keys in the docs/SPEC.md §2 variables, the config's named variables are not read at all.
        let mixed = try resolve(["HUAWEICLOUD_SDK_AK": "AK", "HUAWEICLOUD_SDK_SK": "SK", "MY_ST": "ST2"], auth)
        #expect(mixed.credentials == .accessKey(id: "AK", secret: "SK", securityToken: nil))
    }

    @Test func halfConfiguredKeysInTheConfigNameTheMissingVariable() {
        let auth = ConfigFile.Auth(accessKeyEnv: "MY_AK", secretKeyEnv: "MY_SK")
        let message = failure(["MY_AK": Canary.value], auth)
        #expect(message.contains("MY_SK (named by auth.secret_key_env in \(Self.config)) is not set"), "\(message)")
        let unnamed = failure(["MY_AK": "AK"], ConfigFile.Auth(accessKeyEnv: "MY_AK"))
        #expect(unnamed.contains("auth.secret_key_env is not given"), "\(unnamed)")
    }

    @Test func iamSettingsFromTheConfigAndThePasswordFromTheEnvironment() throws {
        let auth = ConfigFile.Auth(
            passwordEnv: "MY_IAM_PASSWORD",
            iamEndpoint: "https://iam.example.com",
            domainName: "acme",
            userName: "ops-bot"
        )
        let resolved = try resolve(["MY_IAM_PASSWORD": Canary.value], auth)
        guard case .iamPassword(let iam) = resolved.credentials else {
            Issue.record("expected IAM password credentials, got \(resolved.credentials)")
            return
        }
        #expect(iam.endpoint.host == "iam.example.com")
        #expect(iam.domainName == "acme")
        #expect(iam.userName == "ops-bot")
        #expect(iam.password == Canary.value)
        #expect(iam.scope == .id(Self.project))
        #expect(resolved.isFromConfig)
        // The docs/SPEC.md §2 variable beats the config's setting.
        let overridden = try resolve(
            ["MY_IAM_PASSWORD": "pw", "HUAWEICLOUD_USER_NAME": "someone-else"],
            auth
        )
        guard case .iamPassword(let other) = overridden.credentials else { return }
        #expect(other.userName == "someone-else")
        // Without the password the method is incomplete, and the message says the config was read.
        let message = failure([:], auth)
        #expect(message.contains("HUAWEICLOUD_PASSWORD"), "\(message)")
        #expect(message.contains("auth: section in \(Self.config)"), "\(message)")
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660] as [mode_t])
    func aTokenFileFromTheConfigOpenToOthersIsRefusedNamingTheKey(mode: mode_t) throws {
        let file = try tokenFile(mode: mode)
        let message = failure([:], ConfigFile.Auth(tokenFile: file))
        #expect(message.contains("token file \(file) is open to group or others"), "\(message)")
        #expect(message.contains("chmod 600 \(file)"))
        #expect(message.contains("auth.token_file names in \(Self.config)"), "\(message)")
        #expect(!message.contains("GES_AUTH_TOKEN_FILE"))
    }

    @Test(arguments: [0o600, 0o400] as [mode_t])
    func aTokenFileFromTheConfigReadableByItsOwnerOnlyIsUsed(mode: mode_t) throws {
        let file = try tokenFile(mode: mode)
        let resolved = try resolve([:], ConfigFile.Auth(tokenFile: file))
        #expect(resolved.credentials == .token(Canary.value))
        #expect(resolved.isFromConfig)
    }

    @Test func aMissingTokenFileFromTheConfigIsRefused() {
        let message = failure([:], ConfigFile.Auth(tokenFile: "/nonexistent/ges-token"))
        #expect(message.contains("token file /nonexistent/ges-token cannot be read"), "\(message)")
        #expect(message.contains("auth.token_file"))
    }

    @Test func anAuthSectionNamingUnsetVariablesSaysSo() {
        let message = failure([:], ConfigFile.Auth(tokenEnv: "MY_GES_TOKEN"))
        #expect(message.hasPrefix("no credentials"))
        #expect(message.contains("the auth: section in \(Self.config) names no variable that is set"), "\(message)")
    }
}
