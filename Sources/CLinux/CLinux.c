#define _GNU_SOURCE
#include "CLinux.h"
#include <sys/socket.h>
#include <string.h>
#include <pthread.h>
#include <sys/uio.h>

int clinux_accept_nonblocking(int fd, struct sockaddr *addr, socklen_t *len) {
    return accept4(fd, addr, len, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

int clinux_getrandom_all(void *buf, size_t len) {
    unsigned char *p = (unsigned char *)buf;
    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int clinux_errno(void) { return errno; }
void clinux_set_errno(int value) { errno = value; }

uint64_t clinux_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int64_t clinux_wall_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + (int64_t)(ts.tv_nsec / 1000000);
}

long clinux_raise_nofile_limit(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return -1;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0) return -1;
    }
    return (long)rl.rlim_cur;
}

void clinux_ignore_sigpipe(void) {
    signal(SIGPIPE, SIG_IGN);
}

int clinux_set_v6only(int fd, int on) {
    return setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on));
}


int clinux_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data) {
    struct epoll_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.events = events;
    ev.data.u64 = data;
    return epoll_ctl(epfd, op, fd, &ev);
}

int clinux_epoll_wait(int epfd, clinux_epoll_event *events, int max, int timeout_ms) {
    struct epoll_event raw[512];
    if (max > 512) max = 512;
    if (max < 1) max = 1;
    int n = epoll_wait(epfd, raw, max, timeout_ms);
    for (int i = 0; i < n; i++) {
        events[i].events = raw[i].events;
        events[i].data = raw[i].data.u64;
    }
    return n;
}

ssize_t clinux_send2(int fd, const void *a, size_t alen, const void *b, size_t blen) {
    struct iovec iov[2];
    int count = 0;
    if (alen > 0) { iov[count].iov_base = (void *)a; iov[count].iov_len = alen; count++; }
    if (blen > 0) { iov[count].iov_base = (void *)b; iov[count].iov_len = blen; count++; }
    if (count == 0) return 0;
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = iov;
    msg.msg_iovlen = (size_t)count;
    return sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
}

void clinux_set_thread_name(const char *name) {
    char buf[16];
    strncpy(buf, name, sizeof(buf) - 1);
    buf[sizeof(buf) - 1] = 0;
    pthread_setname_np(pthread_self(), buf);
}

#if defined(__x86_64__)
#include <cpuid.h>
#include <nmmintrin.h>

int clinux_crc32c_hw_available(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    return (c & bit_SSE4_2) ? 1 : 0;
}

__attribute__((target("sse4.2")))
uint32_t clinux_crc32c_hw(uint32_t crc, const void *p, size_t n) {
    const unsigned char *b = (const unsigned char *)p;
    uint64_t c = crc;
    while (n > 0 && ((uintptr_t)b & 7) != 0) { c = _mm_crc32_u8((uint32_t)c, *b++); n--; }
    while (n >= 8) {
        uint64_t word;
        memcpy(&word, b, 8);
        c = _mm_crc32_u64(c, word);
        b += 8;
        n -= 8;
    }
    while (n > 0) { c = _mm_crc32_u8((uint32_t)c, *b++); n--; }
    return (uint32_t)c;
}
#else
int clinux_crc32c_hw_available(void) { return 0; }
uint32_t clinux_crc32c_hw(uint32_t crc, const void *p, size_t n) { (void)p; (void)n; return crc; }
#endif
