#ifndef CCURL_H
#define CCURL_H

// Typed wrappers around libcurl's variadic calls.
//
// curl_easy_setopt, curl_easy_getinfo and curl_share_setopt are C variadic functions, which Swift
// cannot call. Each wrapper below forwards exactly one argument type, as swift-corelibs-foundation's
// CFURLSessionInterface.c does. Option reference: https://curl.se/libcurl/c/curl_easy_setopt.html

#include <curl/curl.h>
#include <stddef.h>

/// Signature of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
/// https://curl.se/libcurl/c/CURLOPT_WRITEFUNCTION.html
typedef size_t (*ccurl_data_callback)(char *data, size_t size, size_t count, void *context);

/// Signature of CURLOPT_XFERINFOFUNCTION callbacks; returning non-zero aborts the transfer.
/// https://curl.se/libcurl/c/CURLOPT_XFERINFOFUNCTION.html
typedef int (*ccurl_xferinfo_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                                       curl_off_t ulnow);

/// curl_global_init(CURL_GLOBAL_ALL). Call once per process (the Swift side guarantees it).
/// https://curl.se/libcurl/c/curl_global_init.html
CURLcode ccurl_global_init(void);

/// Options that take a long, e.g. https://curl.se/libcurl/c/CURLOPT_NOSIGNAL.html
CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);

/// Options that take a C string (copied by libcurl), e.g. https://curl.se/libcurl/c/CURLOPT_URL.html
CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);

/// Options that take a pointer, e.g. https://curl.se/libcurl/c/CURLOPT_WRITEDATA.html and
/// https://curl.se/libcurl/c/CURLOPT_COPYPOSTFIELDS.html
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, const void *value);

/// Options that take a curl_off_t, e.g. https://curl.se/libcurl/c/CURLOPT_POSTFIELDSIZE_LARGE.html
CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);

/// Options that take a header list, e.g. https://curl.se/libcurl/c/CURLOPT_HTTPHEADER.html
CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list);

/// Options that take a blob, copied by libcurl (CURL_BLOB_COPY), e.g.
/// https://curl.se/libcurl/c/CURLOPT_CAINFO_BLOB.html
CURLcode ccurl_easy_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length);

/// https://curl.se/libcurl/c/CURLOPT_WRITEFUNCTION.html
CURLcode ccurl_easy_setopt_write_function(CURL *handle, ccurl_data_callback callback);

/// https://curl.se/libcurl/c/CURLOPT_HEADERFUNCTION.html
CURLcode ccurl_easy_setopt_header_function(CURL *handle, ccurl_data_callback callback);

/// https://curl.se/libcurl/c/CURLOPT_XFERINFOFUNCTION.html
CURLcode ccurl_easy_setopt_xferinfo_function(CURL *handle, ccurl_xferinfo_callback callback);

/// Infos that return a long, e.g. https://curl.se/libcurl/c/CURLINFO_RESPONSE_CODE.html
CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);

/// Infos that return a double, e.g. https://curl.se/libcurl/c/CURLINFO_TOTAL_TIME.html
CURLcode ccurl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);

/// Infos that return a string owned by libcurl, e.g. https://curl.se/libcurl/c/CURLINFO_CAINFO.html
CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);

#endif
