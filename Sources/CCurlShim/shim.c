#define CURL_DISABLE_TYPECHECK 1
#include "CCurlShim.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* libcurl is opened with dlopen by the first transport, not linked: loading it and the libraries it
   needs (TLS, Kerberos, LDAP, ...) takes milliseconds that the terminal UI's first frame does not
   wait for. The functions below are looked up once, then called through this table. */
static const char *const library_name = "libcurl.so.4";

static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_cleanup)(CURLM *multi);
    CURLMcode (*multi_add_handle)(CURLM *multi, CURL *handle);
    CURLMcode (*multi_remove_handle)(CURLM *multi, CURL *handle);
    CURLMcode (*multi_perform)(CURLM *multi, int *running);
    CURLMsg *(*multi_info_read)(CURLM *multi, int *queued);
    CURLMcode (*multi_poll)(CURLM *multi, struct curl_waitfd extra[], unsigned int count, int timeout, int *ready);
    CURLMcode (*multi_wakeup)(CURLM *multi);
    CURLSH *(*share_init)(void);
    CURLSHcode (*share_setopt)(CURLSH *share, CURLSHoption option, ...);
    CURLSHcode (*share_cleanup)(CURLSH *share);
} curl;

static pthread_once_t global_init_once = PTHREAD_ONCE_INIT;
static CURLcode global_init_result = CURLE_OK;
static char load_failure[512];

static int look_up_functions(void *library) {
#define LOOK_UP(name)                                                                                        \
    if (!(curl.name = (__typeof__(curl.name))dlsym(library, "curl_" #name))) {                              \
        snprintf(load_failure, sizeof load_failure, "%s has no curl_" #name " (too old a libcurl?)", library_name); \
        return 0;                                                                                            \
    }
    LOOK_UP(global_init) LOOK_UP(easy_init) LOOK_UP(easy_cleanup) LOOK_UP(easy_setopt) LOOK_UP(easy_getinfo)
    LOOK_UP(easy_strerror) LOOK_UP(slist_append) LOOK_UP(slist_free_all) LOOK_UP(multi_init) LOOK_UP(multi_cleanup)
    LOOK_UP(multi_add_handle) LOOK_UP(multi_remove_handle) LOOK_UP(multi_perform) LOOK_UP(multi_info_read)
    LOOK_UP(multi_poll) LOOK_UP(multi_wakeup) LOOK_UP(share_init) LOOK_UP(share_setopt) LOOK_UP(share_cleanup)
#undef LOOK_UP
    return 1;
}

static void global_init(void) {
    void *library = dlopen(library_name, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *reason = dlerror();
        snprintf(load_failure, sizeof load_failure, "%s", reason ? reason : library_name);
        global_init_result = CURLE_FAILED_INIT;
        return;
    }
    if (!look_up_functions(library)) {
        global_init_result = CURLE_FAILED_INIT;
        return;
    }
    global_init_result = curl.global_init(CURL_GLOBAL_ALL);
    if (global_init_result != CURLE_OK) {
        snprintf(load_failure, sizeof load_failure, "curl_global_init failed: %s", curl.easy_strerror(global_init_result));
    }
}

CURLcode leora_curl_global_init_once(void) {
    pthread_once(&global_init_once, global_init);
    return global_init_result;
}

const char *leora_curl_load_failure(void) {
    pthread_once(&global_init_once, global_init);
    return global_init_result == CURLE_OK ? NULL : load_failure;
}

CURL *leora_curl_easy_init(void) { return curl.easy_init(); }
void leora_curl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }
const char *leora_curl_easy_strerror(CURLcode code) { return curl.easy_strerror(code); }
struct curl_slist *leora_curl_slist_append(struct curl_slist *list, const char *string) { return curl.slist_append(list, string); }
void leora_curl_slist_free_all(struct curl_slist *list) { curl.slist_free_all(list); }
CURLM *leora_curl_multi_init(void) { return curl.multi_init(); }
CURLMcode leora_curl_multi_cleanup(CURLM *multi) { return curl.multi_cleanup(multi); }
CURLMcode leora_curl_multi_add_handle(CURLM *multi, CURL *handle) { return curl.multi_add_handle(multi, handle); }
CURLMcode leora_curl_multi_remove_handle(CURLM *multi, CURL *handle) { return curl.multi_remove_handle(multi, handle); }
CURLMcode leora_curl_multi_perform(CURLM *multi, int *running) { return curl.multi_perform(multi, running); }
CURLMsg *leora_curl_multi_info_read(CURLM *multi, int *queued) { return curl.multi_info_read(multi, queued); }
CURLMcode leora_curl_multi_poll(CURLM *multi, struct curl_waitfd extra[], unsigned int count, int timeout, int *ready) {
    return curl.multi_poll(multi, extra, count, timeout, ready);
}
CURLMcode leora_curl_multi_wakeup(CURLM *multi) { return curl.multi_wakeup(multi); }

CURLcode leora_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode leora_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode leora_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode leora_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode leora_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode leora_curl_setopt_share(CURL *handle, CURLSH *share) {
    return curl.easy_setopt(handle, CURLOPT_SHARE, share);
}

CURLcode leora_curl_setopt_write_callback(CURL *handle, leora_curl_data_callback callback, void *userdata) {
    CURLcode code = curl.easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
    return code != CURLE_OK ? code : curl.easy_setopt(handle, CURLOPT_WRITEDATA, userdata);
}

CURLcode leora_curl_setopt_header_callback(CURL *handle, leora_curl_data_callback callback, void *userdata) {
    CURLcode code = curl.easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
    return code != CURLE_OK ? code : curl.easy_setopt(handle, CURLOPT_HEADERDATA, userdata);
}

CURLcode leora_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl.easy_getinfo(handle, info, value);
}

CURLcode leora_curl_getinfo_slist(CURL *handle, CURLINFO info, struct curl_slist **value) {
    return curl.easy_getinfo(handle, info, value);
}

struct leora_curl_share {
    CURLSH *handle;
    pthread_mutex_t locks[CURL_LOCK_DATA_LAST];
};

static void share_lock(CURL *handle, curl_lock_data data, curl_lock_access access, void *userptr) {
    (void)handle;
    (void)access;
    struct leora_curl_share *share = userptr;
    if (data >= 0 && data < CURL_LOCK_DATA_LAST) pthread_mutex_lock(&share->locks[data]);
}

static void share_unlock(CURL *handle, curl_lock_data data, void *userptr) {
    (void)handle;
    struct leora_curl_share *share = userptr;
    if (data >= 0 && data < CURL_LOCK_DATA_LAST) pthread_mutex_unlock(&share->locks[data]);
}

leora_curl_share *leora_curl_share_new_with_locks(void) {
    struct leora_curl_share *share = calloc(1, sizeof *share);
    if (!share) return NULL;
    share->handle = curl.share_init();
    if (!share->handle) {
        free(share);
        return NULL;
    }
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_init(&share->locks[i], NULL);
    curl.share_setopt(share->handle, CURLSHOPT_USERDATA, share);
    curl.share_setopt(share->handle, CURLSHOPT_LOCKFUNC, share_lock);
    curl.share_setopt(share->handle, CURLSHOPT_UNLOCKFUNC, share_unlock);
    curl.share_setopt(share->handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
    curl.share_setopt(share->handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl.share_setopt(share->handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    return share;
}

CURLSH *leora_curl_share_handle(leora_curl_share *share) { return share->handle; }

void leora_curl_share_free(leora_curl_share *share) {
    if (!share) return;
    curl.share_cleanup(share->handle);
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_destroy(&share->locks[i]);
    free(share);
}
