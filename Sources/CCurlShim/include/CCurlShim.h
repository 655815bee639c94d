#ifndef CCURLSHIM_H
#define CCURLSHIM_H
#include <curl/curl.h>

/* libcurl, opened with dlopen by the first transport rather than linked (its libraries cost the
   terminal UI's start milliseconds), through typed wrappers: the variadic curl_easy_setopt /
   curl_easy_getinfo, and a share handle whose lock callbacks are pthread mutexes. Only
   curl/curl.h's types and constants are used from the header; every function is a leora_ one. */

/* Opens libcurl and runs curl_global_init(CURL_GLOBAL_ALL), exactly once per process; returns
   CURLE_OK, or CURLE_FAILED_INIT when libcurl could not be opened. No other function may be
   called before it returned CURLE_OK. */
CURLcode leora_curl_global_init_once(void);
/* Why leora_curl_global_init_once failed (the loader's words), or NULL when it did not. */
const char *leora_curl_load_failure(void);

CURL *leora_curl_easy_init(void);
void leora_curl_easy_cleanup(CURL *handle);
const char *leora_curl_easy_strerror(CURLcode code);
struct curl_slist *leora_curl_slist_append(struct curl_slist *list, const char *string);
void leora_curl_slist_free_all(struct curl_slist *list);
CURLM *leora_curl_multi_init(void);
CURLMcode leora_curl_multi_cleanup(CURLM *multi);
CURLMcode leora_curl_multi_add_handle(CURLM *multi, CURL *handle);
CURLMcode leora_curl_multi_remove_handle(CURLM *multi, CURL *handle);
CURLMcode leora_curl_multi_perform(CURLM *multi, int *running);
CURLMsg *leora_curl_multi_info_read(CURLM *multi, int *queued);
CURLMcode leora_curl_multi_poll(CURLM *multi, struct curl_waitfd extra[], unsigned int count, int timeout, int *ready);
CURLMcode leora_curl_multi_wakeup(CURLM *multi);

CURLcode leora_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode leora_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/* libcurl copies strings set with curl_easy_setopt (except CURLOPT_POSTFIELDS). */
CURLcode leora_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode leora_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode leora_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode leora_curl_setopt_share(CURL *handle, CURLSH *share);

typedef size_t (*leora_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);
CURLcode leora_curl_setopt_write_callback(CURL *handle, leora_curl_data_callback callback, void *userdata);
CURLcode leora_curl_setopt_header_callback(CURL *handle, leora_curl_data_callback callback, void *userdata);

CURLcode leora_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
/* For CURLINFO_COOKIELIST: the caller frees the list with curl_slist_free_all. */
CURLcode leora_curl_getinfo_slist(CURL *handle, CURLINFO info, struct curl_slist **value);

/* A share handle sharing cookies, DNS and TLS sessions, with one pthread mutex per lock
   data kind as its lock callbacks, so easy handles on different threads may use it. */
typedef struct leora_curl_share leora_curl_share;
leora_curl_share *leora_curl_share_new_with_locks(void);
CURLSH *leora_curl_share_handle(leora_curl_share *share);
/* Every easy handle using the share must have been cleaned up (or detached) first. */
void leora_curl_share_free(leora_curl_share *share);

#endif
