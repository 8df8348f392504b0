/* xlsx_check.c: reads a written workbook back (zip directory, then each sheet inflated) to prove
 * every row reached the file. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Why the check is needed: libxlsxwriter does not check its writes to the temporary files a
 * sheet is built in, so a full disk or a file size limit can leave a well-formed workbook that
 * silently lacks rows. */

static uint32_t S_u16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t S_u32(const unsigned char *p)
{
    return S_u16(p) | S_u16(p + 2) << 16;
}

typedef struct S_member {
    uint32_t method, csize, usize, offset;
} S_member;

/* Finds name in the zip's central directory. */
static bool S_find(FILE *fp, const char *name, S_member *m)
{
    unsigned char tail[65536 + 22];
    if (fseek(fp, 0, SEEK_END) != 0)
        return false;
    long size = ftell(fp);
    long n = size < (long)sizeof tail ? size : (long)sizeof tail;
    if (n < 22 || fseek(fp, size - n, SEEK_SET) != 0 || fread(tail, 1, (size_t)n, fp) != (size_t)n)
        return false;
    long eocd = n - 22; /* the end record, after which only a comment may follow */
    while (eocd >= 0 && S_u32(tail + eocd) != 0x06054b50)
        eocd--;
    if (eocd < 0)
        return false;
    uint32_t entries = S_u16(tail + eocd + 10), dir = S_u32(tail + eocd + 16);
    if (fseek(fp, (long)dir, SEEK_SET) != 0)
        return false;
    size_t len = strlen(name);
    for (uint32_t k = 0; k < entries; k++) {
        unsigned char h[46];
        char entry[256];
        if (fread(h, 1, sizeof h, fp) != sizeof h || S_u32(h) != 0x02014b50)
            return false;
        uint32_t nlen = S_u16(h + 28), skip = S_u16(h + 30) + S_u16(h + 32);
        if (nlen >= sizeof entry || fread(entry, 1, nlen, fp) != nlen ||
            fseek(fp, (long)skip, SEEK_CUR) != 0)
            return false;
        if (nlen == len && memcmp(entry, name, len) == 0) {
            *m = (S_member){S_u16(h + 10), S_u32(h + 20), S_u32(h + 24), S_u32(h + 42)};
            return true;
        }
    }
    return false;
}

/* Counts "<row " in a stream cut into pieces anywhere, and keeps its last bytes. */
typedef struct S_scan {
    uint64_t rows;
    char tail[16];
    size_t tail_len;
} S_scan;

static void S_scan_bytes(S_scan *s, const char *p, size_t n)
{
    static const char mark[] = "<row ";
    const size_t m = sizeof mark - 1;
    /* a mark split between the previous piece and this one */
    for (size_t k = 1; k < m && k <= s->tail_len && m - k <= n; k++)
        if (memcmp(s->tail + s->tail_len - k, mark, k) == 0 && memcmp(p, mark + k, m - k) == 0)
            s->rows++;
    for (const char *q = p; (q = memmem(q, n - (size_t)(q - p), mark, m)); q += m)
        s->rows++;
    if (n >= sizeof s->tail) {
        memcpy(s->tail, p + n - sizeof s->tail, sizeof s->tail);
        s->tail_len = sizeof s->tail;
    } else {
        size_t keep = s->tail_len + n > sizeof s->tail ? sizeof s->tail - n : s->tail_len;
        memmove(s->tail, s->tail + s->tail_len - keep, keep);
        memcpy(s->tail + keep, p, n);
        s->tail_len = keep + n;
    }
}

/* Inflates a member, counting its rows. */
static bool S_inflate(FILE *fp, const S_member *m, S_scan *s)
{
    unsigned char h[30];
    if (m->method != 8 || fseek(fp, (long)m->offset, SEEK_SET) != 0 ||
        fread(h, 1, sizeof h, fp) != sizeof h || S_u32(h) != 0x04034b50 ||
        fseek(fp, (long)(S_u16(h + 26) + S_u16(h + 28)), SEEK_CUR) != 0)
        return false;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) /* raw deflate, as zip stores it */
        return false;
    enum { CHUNK = 1 << 16 };
    unsigned char *in = malloc(CHUNK), *out = malloc(CHUNK);
    uint32_t left = m->csize;
    int rc = in && out ? Z_OK : Z_MEM_ERROR;
    while (rc == Z_OK) {
        if (z.avail_in == 0 && left > 0) {
            size_t want = left < CHUNK ? left : CHUNK;
            if (fread(in, 1, want, fp) != want) {
                rc = Z_DATA_ERROR;
                break;
            }
            z.next_in = in;
            z.avail_in = (uInt)want;
            left -= (uint32_t)want;
        }
        z.next_out = out;
        z.avail_out = CHUNK;
        rc = inflate(&z, Z_NO_FLUSH);
        S_scan_bytes(s, (const char *)out, CHUNK - z.avail_out);
        if (rc == Z_BUF_ERROR && left == 0)
            break; /* the data ended before the stream did */
        if (rc == Z_BUF_ERROR)
            rc = Z_OK;
    }
    inflateEnd(&z);
    free(in);
    free(out);
    return rc == Z_STREAM_END && z.total_out == m->usize;
}

bool nr_xlsx_check_sheet(const char *path, unsigned sheet, uint64_t rows, char *why, size_t size)
{
    char name[64];
    snprintf(name, sizeof name, "xl/worksheets/sheet%u.xml", sheet);
    FILE *fp = fopen(path, "rb");
    S_member m;
    S_scan s = {0};
    bool found = fp && S_find(fp, name, &m);
    bool whole = found && S_inflate(fp, &m, &s);
    static const char end[] = "</worksheet>";
    bool ended = s.tail_len >= sizeof end - 1 &&
                 memcmp(s.tail + s.tail_len - (sizeof end - 1), end, sizeof end - 1) == 0;
    if (fp)
        fclose(fp);
    if (!found)
        snprintf(why, size, "%s is missing from the workbook", name);
    else if (!whole || !ended)
        snprintf(why, size,
                 "%s in the workbook is cut short (a write to its temporary file failed: a full "
                 "disk or a file size limit)",
                 name);
    else if (s.rows != rows)
        snprintf(why, size, "%s in the workbook has %llu rows, not %llu", name,
                 (unsigned long long)s.rows, (unsigned long long)rows);
    return found && whole && ended && s.rows == rows;
}
