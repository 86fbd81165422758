import CCurl
import Foundation

/// `curl_global_init` runs once, the first time a transport is created (Swift globals are lazy and thread-safe).
/// https://curl.se/libcurl/c/curl_global_init.html
private let curlGlobalInitResult: Int = Int(ccurl_global_init().rawValue)

/// Sends HTTP requests with libcurl, on dedicated threads, with TLS verification always on.
///
/// - `curl_easy_perform` blocks, so it runs on a `BlockingWorkerPool` (never on Swift's cooperative
///   pool), at most `concurrency` at a time; the task awaits a continuation.
/// - Easy handles are pooled and reused, so connections (and TLS sessions) are kept alive.
/// - Proxies come from libcurl's usual environment variables (`http_proxy`, `https_proxy`, `no_proxy`;
///   libcurl ignores upper-case `HTTP_PROXY` on purpose).
/// - An extra CA file is added to, not substituted for, the system store: libcurl has no "append"
///   option, so the transport loads the build's default bundle (CURLINFO_CAINFO) plus the extra file
///   into CURLOPT_CAINFO_BLOB; the build's default CA directory (CURLOPT_CAPATH) stays in effect.
public final class CurlTransport: HTTPTransport {
    public let configuration: Configuration
    private let workers: BlockingWorkerPool
    private let idleHandles = Locked<[CurlEasyHandle]>([])
    private let caBundle: Data?

    public init(configuration: Configuration = Configuration()) throws(TransportError) {
        guard curlGlobalInitResult == 0 else {
            throw TransportError(kind: .other, host: "", detail: "libcurl could not be initialised")
        }
        self.configuration = configuration
        self.workers = BlockingWorkerPool(maxThreads: max(1, configuration.concurrency))
        if let caFile = configuration.caFile {
            caBundle = try Self.loadCABundle(extraFile: caFile)
        } else {
            caBundle = nil
        }
    }

    /// `configuration.timeout`: libcurl aborts any request that sets no timeout of its own after it.
    public var defaultTimeout: Duration? { configuration.timeout }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        try URLSecurityPolicy.check(request.url)
        let host = request.url.host ?? ""
        if Task.isCancelled { throw TransportError(kind: .cancelled, host: host, detail: "cancelled") }
        let cancellation = CancellationFlag()
        let configuration = configuration
        let caBundle = caBundle
        let result: Result<HTTPResponse, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                workers.submit { [self] in
                    guard let handle = self.checkOutHandle() else {
                        continuation.resume(
                            returning: .failure(
                                TransportError(kind: .other, host: host, detail: "libcurl could not create a handle")
                            )
                        )
                        return
                    }
                    let result = handle.perform(
                        request,
                        configuration: configuration,
                        caBundle: caBundle,
                        cancellation: cancellation
                    )
                    self.checkIn(handle)
                    continuation.resume(returning: result)
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
        return try result.get()
    }

    private func checkOutHandle() -> CurlEasyHandle? {
        if let handle = idleHandles.withLock({ $0.popLast() }) { return handle }
        return CurlEasyHandle()
    }

    private func checkIn(_ handle: CurlEasyHandle) {
        let limit = max(1, configuration.concurrency)
        idleHandles.withLock { handles in
            if handles.count < limit { handles.append(handle) }
        }
    }

    private static func loadCABundle(extraFile: String) throws(TransportError) -> Data {
        let extra: Data
        do {
            extra = try Data(contentsOf: URL(fileURLWithPath: extraFile))
        } catch {
            throw TransportError(kind: .invalidRequest, host: "", detail: "cannot read CA file \(extraFile)")
        }
        guard String(decoding: extra, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw TransportError(
                kind: .invalidRequest,
                host: "",
                detail: "CA file \(extraFile) holds no PEM certificate"
            )
        }
        var bundle = Data()
        if let path = CurlEasyHandle()?.defaultCABundlePath(),
            let system = try? Data(contentsOf: URL(fileURLWithPath: path))
        {
            bundle.append(system)
            bundle.append(Data("\n".utf8))
        }
        bundle.append(extra)
        return bundle
    }
}
