/*
 * gen-usage: reproducible synthetic usage data for ges-idle-stop benchmarks (docs/SPEC.md §3).
 *
 * Writes, into --out DIR: usage.csv (graph_id,period_start,period_seconds,requests,cpu_util),
 * fleet.json (list-graphs response shape) and policy.yml (the example policies with the trip-wire
 * opened, so that a dry run decides every graph). Every row is a pure function of (seed, graph,
 * period), so time-ordered and shuffled files hold exactly the same rows; shuffling walks a seeded
 * Feistel permutation of the row numbers, so neither mode holds more than one output buffer.
 *
 * Built and run by scripts/gen-usage; `gen-usage --help` lists the flags.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t mix(uint64_t x) { /* splitmix64 finaliser */
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
static uint64_t h3(uint64_t seed, uint64_t a, uint64_t b) { return mix(mix(seed ^ mix(a)) ^ b); }
static double unit(uint64_t h) { return (double)(h >> 11) / 9007199254740992.0; }

struct graph {
    char id[40];
    int busy, inventory, has_gap;
    long gap_start, gap_end; /* periods [gap_start, gap_end) have no rows */
};

static uint64_t seed = 42;
static long graphs = 2000, hours = 168, period = 60;
static double busy_share = 0.2, gap_share = 0.1, unknown_share = 0.01;
static int shuffled = 0, unix_times = 0;
static const char *out = "bench-data";
static long long now_unix = 1795824000; /* 2026-11-28T00:00:00Z */

static char *buf;
static size_t used;
static const size_t cap = 8u << 20;
static FILE *csv;

static void flush_buf(void) {
    if (used && fwrite(buf, 1, used, csv) != used) { perror("write usage.csv"); exit(1); }
    used = 0;
}
static inline void put(const char *s, size_t n) { memcpy(buf + used, s, n); used += n; }
static inline void put_uint(unsigned long long v) {
    char tmp[24];
    int n = 0;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) buf[used++] = tmp[--n];
}

/* Feistel permutation of [0, 2^bits), cycle-walked into [0, n). */
static int half_bits;
static uint64_t feistel(uint64_t x) {
    uint64_t mask = (1ULL << half_bits) - 1, l = x >> half_bits, r = x & mask;
    for (int round = 0; round < 4; round++) {
        uint64_t t = l ^ (h3(seed, 0x5eed0000ULL + round, r) & mask);
        l = r;
        r = t;
    }
    return (l << half_bits) | r;
}
static uint64_t permute(uint64_t x, uint64_t n) {
    do { x = feistel(x); } while (x >= n);
    return x;
}

static void usage_text(void) {
    puts("gen-usage --out DIR [--graphs N] [--hours H] [--period S] [--busy-share F] [--gap-share F]\n"
         "          [--unknown-share F] [--order time|shuffled] [--times iso|unix] [--seed N] [--now UNIX]\n"
         "Writes DIR/usage.csv, DIR/fleet.json, DIR/policy.yml. Data ends at --now (default 2026-11-28T00:00:00Z).");
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage_text(); return 0; }
        if (!v) { fprintf(stderr, "gen-usage: %s needs a value\n", a); return 2; }
        if (!strcmp(a, "--out")) out = v;
        else if (!strcmp(a, "--graphs")) graphs = atol(v);
        else if (!strcmp(a, "--hours")) hours = atol(v);
        else if (!strcmp(a, "--period")) period = atol(v);
        else if (!strcmp(a, "--busy-share")) busy_share = atof(v);
        else if (!strcmp(a, "--gap-share")) gap_share = atof(v);
        else if (!strcmp(a, "--unknown-share")) unknown_share = atof(v);
        else if (!strcmp(a, "--seed")) seed = strtoull(v, NULL, 10);
        else if (!strcmp(a, "--now")) now_unix = atoll(v);
        else if (!strcmp(a, "--order")) shuffled = !strcmp(v, "shuffled");
        else if (!strcmp(a, "--times")) unix_times = !strcmp(v, "unix");
        else { fprintf(stderr, "gen-usage: unknown flag %s\n", a); return 2; }
        i++;
    }
    if (graphs < 1 || hours < 1 || period < 1 || (hours * 3600) % period) {
        fprintf(stderr, "gen-usage: need graphs ≥ 1, hours ≥ 1, period ≥ 1 dividing hours × 3600\n");
        return 2;
    }
    long periods = hours * 3600 / period;
    long long first = now_unix - (long long)periods * period;

    struct graph *g = calloc((size_t)graphs, sizeof *g);
    for (long i = 0; i < graphs; i++) {
        uint64_t h = h3(seed, 1, (uint64_t)i);
        snprintf(g[i].id, sizeof g[i].id, "%08x-%04x-%04x-%04x-%012llx", (unsigned)(h >> 32),
                 (unsigned)(h >> 16) & 0xffff, (unsigned)h & 0xffff, (unsigned)(h3(seed, 2, (uint64_t)i) & 0xffff),
                 (unsigned long long)(h3(seed, 3, (uint64_t)i) & 0xffffffffffffULL));
        g[i].busy = unit(h3(seed, 4, (uint64_t)i)) < busy_share;
        g[i].inventory = i == 0 || unit(h3(seed, 5, (uint64_t)i)) >= unknown_share;
        g[i].has_gap = unit(h3(seed, 6, (uint64_t)i)) < gap_share;
        if (g[i].has_gap) {
            g[i].gap_start = (long)(h3(seed, 7, (uint64_t)i) % (uint64_t)periods);
            g[i].gap_end = g[i].gap_start + 1 + (long)(h3(seed, 8, (uint64_t)i) % (uint64_t)(12 * 3600 / period + 1));
        }
    }

    /* Timestamps of every period, written once. */
    char (*stamp)[24] = malloc((size_t)periods * sizeof *stamp);
    unsigned char *stamp_len = malloc((size_t)periods);
    for (long p = 0; p < periods; p++) {
        time_t t = (time_t)(first + (long long)p * period);
        if (unix_times) {
            stamp_len[p] = (unsigned char)snprintf(stamp[p], 24, "%lld", (long long)t);
        } else {
            struct tm tm;
            gmtime_r(&t, &tm);
            stamp_len[p] = (unsigned char)strftime(stamp[p], 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
        }
    }

    char path[4096];
    snprintf(path, sizeof path, "%s/usage.csv", out);
    csv = fopen(path, "wb");
    if (!csv) { perror(path); return 1; }
    buf = malloc(cap);
    const char *header = "graph_id,period_start,period_seconds,requests,cpu_util\n";
    put(header, strlen(header));

    uint64_t total = (uint64_t)periods * (uint64_t)graphs, bits = 2;
    while ((1ULL << bits) < total) bits += 2;
    half_bits = (int)(bits / 2);
    unsigned long long rows = 0;
    for (uint64_t k = 0; k < total; k++) {
        uint64_t row = shuffled ? permute(k, total) : k;
        long p = (long)(row / (uint64_t)graphs), i = (long)(row % (uint64_t)graphs);
        if (g[i].has_gap && p >= g[i].gap_start && p < g[i].gap_end) continue;
        uint64_t h = h3(seed, (uint64_t)i, (uint64_t)p);
        unsigned long requests;
        unsigned cpu;
        if (g[i].busy) {
            requests = (h >> 8) % 8 == 0 ? 0 : (unsigned long)((h >> 16) % 400);
            cpu = 100 + (unsigned)((h >> 40) % 700);
        } else {
            requests = (h >> 8) % 2000 == 0 ? 1 + (unsigned long)((h >> 20) % 3) : 0;
            cpu = (unsigned)((h >> 40) % 30);
        }
        if (cap - used < 256) flush_buf();
        put(g[i].id, 36);
        buf[used++] = ',';
        put(stamp[p], stamp_len[p]);
        buf[used++] = ',';
        put_uint((unsigned long long)period);
        buf[used++] = ',';
        put_uint(requests);
        buf[used++] = ',';
        put_uint(cpu / 10);
        buf[used++] = '.';
        buf[used++] = (char)('0' + cpu % 10);
        buf[used++] = '\n';
        rows++;
    }
    flush_buf();
    if (fclose(csv)) { perror(path); return 1; }

    snprintf(path, sizeof path, "%s/fleet.json", out);
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); return 1; }
    long count = 0;
    for (long i = 0; i < graphs; i++) count += g[i].inventory;
    fprintf(f, "{\n  \"graph_count\": %ld,\n  \"graphs\": [\n", count);
    static const char *envs[] = {"dev", "dev", "dev", "dev", "dev", "dev", "test", "test", "prod", "prod"};
    long written = 0;
    for (long i = 0; i < graphs; i++) {
        if (!g[i].inventory) continue;
        uint64_t h = h3(seed, 9, (uint64_t)i);
        const char *env = envs[h % 10];
        const char *status = (h >> 8) % 50 == 0 ? "900" : "200";
        const char *product = (h >> 16) % 50 == 0 ? "Persistence" : "InMemory";
        fprintf(f,
                "    {\"id\": \"%s\", \"name\": \"%s-g%06ld\", \"created_by\": \"bench\", \"is_multi_az\": \"false\", "
                "\"region_code\": \"cn-north-4\", \"az_code\": \"cn-north-4a\", \"status\": \"%s\", "
                "\"graph_size_type_index\": \"1\", \"replication\": 1, \"created\": \"2026-09-01T08:00:00Z\", "
                "\"updated\": \"2026-09-01T08:00:00Z\", \"tags\": [{\"key\": \"env\", \"value\": \"%s\"}], "
                "\"product_type\": \"%s\"}%s\n",
                g[i].id, env, i, status, env, product, ++written < count ? "," : "");
    }
    fputs("  ]\n}\n", f);
    fclose(f);

    snprintf(path, sizeof path, "%s/policy.yml", out);
    f = fopen(path, "w");
    if (!f) { perror(path); return 1; }
    fputs("# Generated by scripts/gen-usage for benchmarks: the example policies with the trip-wire opened.\n"
          "version: 1\n"
          "limits:\n  max_stops_per_run: 100000000\n  max_stop_share: 1\n"
          "protect:\n  tags: { keep-running: \"true\" }\n"
          "policies:\n"
          "  - name: idle-dev-graphs\n    match:\n      - tag: { key: env, in: [dev, test] }\n"
          "      - idle: { window: 24h, max_requests: 0, min_coverage: 0.9 }\n    action: stop\n"
          "  - name: idle-a-week\n    match:\n      - not: { tag: { key: env, value: prod } }\n"
          "      - idle: { window: 7d, max_requests: 20 }\n    action: stop\n"
          "  - name: flag-idle-prod\n    match:\n      - tag: { key: env, in: [prod] }\n"
          "      - idle: { window: 24h }\n    action: report\n",
          f);
    fclose(f);
    fprintf(stderr, "gen-usage: %llu rows, %ld graphs (%ld in the fleet), %ld periods of %lds, %s, now=%lld\n", rows,
            graphs, count, periods, period, shuffled ? "shuffled" : "time-ordered", now_unix);
    free(g);
    free(stamp);
    free(stamp_len);
    free(buf);
    return 0;
}
