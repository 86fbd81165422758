import CCurl
import Foundation
import Synchronization

/// One libcurl easy handle, reused across requests so its connections stay open.
///
/// Used by one worker thread at a time: the transport's handle pool hands it out exclusively.
final class CurlEasyHandle: @unchecked Sendable {
    private let raw: UnsafeMutableRawPointer

    init?() {
        guard let raw = curl_easy_init() else { return nil }
        self.raw = raw
    }

    deinit { curl_easy_cleanup(raw) }

    /// The default CA bundle this libcurl was built with (CURLINFO_CAINFO), if any.
    /// https://curl.se/libcurl/c/CURLINFO_CAINFO.html
    func defaultCABundlePath() -> String? {
        var value: UnsafePointer<CChar>?
        guard ccurl_easy_getinfo_string(raw, CURLINFO_CAINFO, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// Performs `request` synchronously. Blocks the calling thread: call it only from a worker thread.
    func perform(
        _ request: HTTPRequest,
        configuration: CurlTransport.Configuration,
        caBundle: Data?,
        cancellation: CancellationFlag
    ) -> Result<HTTPResponse, TransportError> {
        let host = request.url.host ?? ""
        curl_easy_reset(raw)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        let collector = ResponseCollector(
            limit: configuration.maxResponseBytes,
            maxHeaderLines: configuration.maxHeaderLines,
            maxHeaderBytes: configuration.maxHeaderBytes,
            cancellation: cancellation
        )
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        return withExtendedLifetime(collector) {
            errorBuffer.withUnsafeMutableBufferPointer { buffer -> Result<HTTPResponse, TransportError> in
                do throws(TransportError) {
                    headerList = try Self.headerList(for: request, host: host)
                    try configure(
                        request,
                        configuration: configuration,
                        caBundle: caBundle,
                        headers: headerList,
                        collector: collector,
                        errorBuffer: buffer.baseAddress!,
                        host: host
                    )
                } catch {
                    return .failure(error)
                }
                let code = curl_easy_perform(raw)
                guard code == CURLE_OK else {
                    let detail = buffer[0] != 0 ? String(cString: buffer.baseAddress!) : Self.message(code)
                    return .failure(
                        Self.error(
                            for: code,
                            detail: detail,
                            host: host,
                            collector: collector,
                            configuration: configuration
                        )
                    )
                }
                var status = 0
                _ = ccurl_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &status)
                return .success(HTTPResponse(status: status, headers: collector.headers, body: collector.body))
            }
        }
    }

    private func configure(
        _ request: HTTPRequest,
        configuration: CurlTransport.Configuration,
        caBundle: Data?,
        headers: UnsafeMutablePointer<curl_slist>?,
        collector: ResponseCollector,
        errorBuffer: UnsafeMutablePointer<CChar>,
        host: String
    ) throws(TransportError) {
        func check(_ code: CURLcode, _ what: String) throws(TransportError) {
            guard code == CURLE_OK else {
                throw TransportError(kind: .invalidRequest, host: host, detail: "\(what): \(Self.message(code))")
            }
        }
        // https://curl.se/libcurl/c/CURLOPT_ERRORBUFFER.html
        try check(ccurl_easy_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer), "error buffer")
        // https://curl.se/libcurl/c/CURLOPT_URL.html
        try check(ccurl_easy_setopt_string(raw, CURLOPT_URL, request.url.absoluteString), "URL")
        try configureSafety(caBundle: caBundle, check: check)
        try configureLimits(request, configuration: configuration, check: check)
        // https://curl.se/libcurl/c/CURLOPT_USERAGENT.html
        try check(ccurl_easy_setopt_string(raw, CURLOPT_USERAGENT, configuration.userAgent), "user agent")
        try configureMethod(request, check: check)
        // https://curl.se/libcurl/c/CURLOPT_HTTPHEADER.html
        try check(ccurl_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, headers), "headers")

        try configureCallbacks(collector: collector, check: check)
    }

    /// Only HTTP(S), no signals, no redirects followed, TLS peer and host verified against the system bundle plus
    /// `caBundle`.
    private func configureSafety(
        caBundle: Data?,
        check: (CURLcode, String) throws(TransportError) -> Void
    ) throws(TransportError) {
        // https://curl.se/libcurl/c/CURLOPT_PROTOCOLS_STR.html and CURLOPT_REDIR_PROTOCOLS_STR.html
        try check(ccurl_easy_setopt_string(raw, CURLOPT_PROTOCOLS_STR, "http,https"), "protocols")
        try check(ccurl_easy_setopt_string(raw, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "redirect protocols")
        // https://curl.se/libcurl/c/CURLOPT_NOSIGNAL.html: timeouts must not use SIGALRM in a threaded process.
        try check(ccurl_easy_setopt_long(raw, CURLOPT_NOSIGNAL, 1), "no signals")
        // https://curl.se/libcurl/c/CURLOPT_FOLLOWLOCATION.html: a redirect is returned, never followed.
        try check(ccurl_easy_setopt_long(raw, CURLOPT_FOLLOWLOCATION, 0), "redirects")
        // https://curl.se/libcurl/c/CURLOPT_SSL_VERIFYPEER.html and CURLOPT_SSL_VERIFYHOST.html
        try check(ccurl_easy_setopt_long(raw, CURLOPT_SSL_VERIFYPEER, 1), "verify peer")
        try check(ccurl_easy_setopt_long(raw, CURLOPT_SSL_VERIFYHOST, 2), "verify host")
        if let caBundle {
            // https://curl.se/libcurl/c/CURLOPT_CAINFO_BLOB.html: system bundle + the extra file, see CurlTransport.
            let code = caBundle.withUnsafeBytes { bytes in
                ccurl_easy_setopt_blob(raw, CURLOPT_CAINFO_BLOB, bytes.baseAddress, bytes.count)
            }
            try check(code, "CA certificates")
        }
    }

    /// The connect and whole-request timeouts and the largest body accepted.
    private func configureLimits(
        _ request: HTTPRequest,
        configuration: CurlTransport.Configuration,
        check: (CURLcode, String) throws(TransportError) -> Void
    ) throws(TransportError) {
        // https://curl.se/libcurl/c/CURLOPT_CONNECTTIMEOUT_MS.html and CURLOPT_TIMEOUT_MS.html
        try check(
            ccurl_easy_setopt_long(raw, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds),
            "connect timeout"
        )
        try check(
            ccurl_easy_setopt_long(
                raw,
                CURLOPT_TIMEOUT_MS,
                (request.timeout ?? configuration.timeout).curlMilliseconds
            ),
            "timeout"
        )
        // https://curl.se/libcurl/c/CURLOPT_MAXFILESIZE_LARGE.html: early refusal when Content-Length is known.
        try check(
            ccurl_easy_setopt_off_t(raw, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(configuration.maxResponseBytes)),
            "max body size"
        )
    }

    /// Points libcurl's body, header and progress callbacks at `collector`, which enforces the size limits and
    /// lets task cancellation abort the transfer.
    private func configureCallbacks(
        collector: ResponseCollector,
        check: (CURLcode, String) throws(TransportError) -> Void
    ) throws(TransportError) {
        let context = Unmanaged.passUnretained(collector).toOpaque()
        // https://curl.se/libcurl/c/CURLOPT_WRITEFUNCTION.html: returning less than given aborts (size limit).
        try check(
            ccurl_easy_setopt_write_function(raw) { data, size, count, context in
                guard let data, let context else { return 0 }
                let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
                return collector.appendBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
            },
            "write callback"
        )
        try check(ccurl_easy_setopt_pointer(raw, CURLOPT_WRITEDATA, context), "write data")
        // https://curl.se/libcurl/c/CURLOPT_HEADERFUNCTION.html: returning less than given aborts (header limits).
        try check(
            ccurl_easy_setopt_header_function(raw) { data, size, count, context in
                guard let data, let context else { return 0 }
                let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
                let line = UnsafeRawBufferPointer(start: data, count: size * count)
                return collector.appendHeaderLine(line) ? size * count : 0
            },
            "header callback"
        )
        try check(ccurl_easy_setopt_pointer(raw, CURLOPT_HEADERDATA, context), "header data")
        // https://curl.se/libcurl/c/CURLOPT_XFERINFOFUNCTION.html: lets task cancellation abort the transfer.
        try check(
            ccurl_easy_setopt_xferinfo_function(raw) { context, _, _, _, _ in
                guard let context else { return 0 }
                return Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
            },
            "progress callback"
        )
        try check(ccurl_easy_setopt_pointer(raw, CURLOPT_XFERINFODATA, context), "progress data")
        try check(ccurl_easy_setopt_long(raw, CURLOPT_NOPROGRESS, 0), "progress")
    }

    private func configureMethod(
        _ request: HTTPRequest,
        check: (CURLcode, String) throws(TransportError) -> Void
    ) throws(TransportError) {
        let method = request.method.uppercased()
        switch method {
        case "GET" where request.body.isEmpty:
            // https://curl.se/libcurl/c/CURLOPT_HTTPGET.html
            try check(ccurl_easy_setopt_long(raw, CURLOPT_HTTPGET, 1), "GET")
            return
        case "HEAD":
            // https://curl.se/libcurl/c/CURLOPT_NOBODY.html
            try check(ccurl_easy_setopt_long(raw, CURLOPT_NOBODY, 1), "HEAD")
            return
        case "POST":
            // https://curl.se/libcurl/c/CURLOPT_POST.html
            try check(ccurl_easy_setopt_long(raw, CURLOPT_POST, 1), "POST")
        default:
            // https://curl.se/libcurl/c/CURLOPT_CUSTOMREQUEST.html
            try check(ccurl_easy_setopt_string(raw, CURLOPT_CUSTOMREQUEST, method), "method")
        }
        if method == "POST" || !request.body.isEmpty {
            // https://curl.se/libcurl/c/CURLOPT_POSTFIELDSIZE_LARGE.html, then CURLOPT_COPYPOSTFIELDS.html
            // (size first, so the body may contain any byte; libcurl copies it).
            try check(
                ccurl_easy_setopt_off_t(raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)),
                "body size"
            )
            let code =
                request.body.isEmpty
                ? ccurl_easy_setopt_string(raw, CURLOPT_COPYPOSTFIELDS, "")
                : request.body.withUnsafeBytes { bytes in
                    ccurl_easy_setopt_pointer(raw, CURLOPT_COPYPOSTFIELDS, bytes.baseAddress)
                }
            try check(code, "body")
        }
    }

    /// Builds the header list; refuses names or values that could split a header line.
    private static func headerList(
        for request: HTTPRequest,
        host: String
    ) throws(TransportError)
        -> UnsafeMutablePointer<curl_slist>?
    {
        var list: UnsafeMutablePointer<curl_slist>?
        func append(_ line: String) {
            list = curl_slist_append(list, line)
        }
        for field in request.headers {
            let forbidden: (UInt8) -> Bool = { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
            let validName =
                !field.name.isEmpty && !field.name.utf8.contains { forbidden($0) || $0 == 0x3A || $0 == 0x20 }
            guard validName, !field.value.utf8.contains(where: forbidden) else {
                curl_slist_free_all(list)
                throw TransportError(
                    kind: .invalidRequest,
                    host: host,
                    detail: "header \(validName ? field.name : "name") contains a forbidden character"
                )
            }
            // "Name;" is libcurl's way to send a header with an empty value.
            append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        // Suppress libcurl's automatic `Expect: 100-continue` and form Content-Type.
        if !request.headers.contains("Expect") { append("Expect:") }
        if !request.headers.contains("Content-Type") { append("Content-Type:") }
        return list
    }

    /// `64 KiB` for whole kibibytes, else `1000 bytes`.
    private static func size(_ bytes: Int) -> String {
        bytes > 0 && bytes % 1024 == 0 ? "\(bytes / 1024) KiB" : "\(bytes) bytes"
    }

    private static func message(_ code: CURLcode) -> String {
        guard let text = curl_easy_strerror(code) else { return "curl error \(code.rawValue)" }
        return String(cString: text)
    }

    private static func error(
        for code: CURLcode,
        detail: String,
        host: String,
        collector: ResponseCollector,
        configuration: CurlTransport.Configuration
    ) -> TransportError {
        if collector.isCancelled, code == CURLE_ABORTED_BY_CALLBACK {
            return TransportError(kind: .cancelled, host: host, detail: "cancelled")
        }
        switch collector.exceededHeaderLimit {
        case .lines:
            return TransportError(
                kind: .headersTooLarge,
                host: host,
                detail: "more than \(configuration.maxHeaderLines) response header lines"
            )
        case .bytes:
            return TransportError(
                kind: .headersTooLarge,
                host: host,
                detail: "more than \(Self.size(configuration.maxHeaderBytes)) of response headers"
            )
        case nil:
            break
        }
        if collector.exceededLimit || code == CURLE_FILESIZE_EXCEEDED {
            return TransportError(
                kind: .bodyTooLarge,
                host: host,
                detail: "more than \(configuration.maxResponseBytes) bytes"
            )
        }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return TransportError(kind: .timeout, host: host, detail: detail)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR,
            CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM,
            CURLE_WEIRD_SERVER_REPLY:
            return TransportError(kind: .connectionFailed, host: host, detail: detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_USE_SSL_FAILED:
            return TransportError(kind: .tlsFailure, host: host, detail: detail)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return TransportError(kind: .invalidRequest, host: host, detail: detail)
        default:
            return TransportError(kind: .other, host: host, detail: detail)
        }
    }
}

/// Shared between a waiting task and its transfer: set when the task is cancelled.
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func cancel() { flag.store(true, ordering: .relaxed) }
    var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// Collects one response's headers and body inside libcurl's callbacks, enforcing the size limits.
///
/// Header lines and bytes are counted over every block of the response (1xx and proxy answers included), so
/// a server cannot reset the count by sending another status line.
final class ResponseCollector {
    /// A header limit the response broke.
    enum HeaderLimit {
        case lines
        case bytes
    }

    private(set) var headers = HTTPHeaders()
    private(set) var body = Data()
    private(set) var exceededLimit = false
    private(set) var exceededHeaderLimit: HeaderLimit?
    private var headerLines = 0
    private var headerBytes = 0
    private let limit: Int
    private let maxHeaderLines: Int
    private let maxHeaderBytes: Int
    private let cancellation: CancellationFlag

    init(limit: Int, maxHeaderLines: Int, maxHeaderBytes: Int, cancellation: CancellationFlag) {
        self.limit = limit
        self.maxHeaderLines = maxHeaderLines
        self.maxHeaderBytes = maxHeaderBytes
        self.cancellation = cancellation
    }

    var isCancelled: Bool { cancellation.isCancelled }

    /// Appends body bytes; false (abort the transfer) when the limit would be exceeded.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= limit else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Counts and parses one header line; false (abort the transfer) when a header limit would be exceeded.
    ///
    /// A status line starts a new header block (after 1xx or proxy answers).
    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        headerLines += 1
        headerBytes += bytes.count
        guard headerLines <= maxHeaderLines else {
            exceededHeaderLimit = .lines
            return false
        }
        guard headerBytes <= maxHeaderBytes else {
            exceededHeaderLimit = .bytes
            return false
        }
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
            return true
        }
        guard let colon = line.firstIndex(of: ":") else { return true }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        headers.add(name: name, value: value)
        return true
    }
}
