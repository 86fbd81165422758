#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's words for an `errno` value, for error messages.
func errnoText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
