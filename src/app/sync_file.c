/*
 * sync_file.c: the files of a sync folder, their header and their
 * encryption (libsodium), and the key file.  The layout is in
 * sync_impl.h; what the files mean is sync.c's.
 */
#include "sync_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cxo/fileperm.h"
#include "cxo/store.h"

#define NONCE_LEN crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_LEN crypto_aead_xchacha20poly1305_ietf_ABYTES
#define STREAM_HEAD crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define STREAM_TAG crypto_secretstream_xchacha20poly1305_ABYTES
static const char magic[7] = { 'C', 'X', 'O', 'S', 'Y', 'N', 'C' };

int sync_crypto_init(char *err, size_t errsz)
{
	if (sodium_init() < 0) {
		snprintf(err, errsz, "the cryptography library (libsodium) could not start");
		return EX_SOFTWARE;
	}
	return 0;
}

/* ---- the header ---- */

static void put64(unsigned char *p, unsigned long long v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static unsigned long long get64(const unsigned char *p)
{
	unsigned long long v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void header_encode(const struct sync_header *h, unsigned char out[SYNC_HEADER_LEN])
{
	memset(out, 0, SYNC_HEADER_LEN);
	memcpy(out, magic, sizeof magic);
	out[7] = SYNC_FORMAT_VERSION;
	out[8] = (unsigned char)h->kind;
	unsigned s = (unsigned)h->schema;
	for (int i = 0; i < 4; i++)
		out[12 + i] = (unsigned char)(s >> (8 * i));
	memcpy(out + 16, h->device, strnlen(h->device, SYNC_DEVICE_MAX));
	put64(out + 80, (unsigned long long)h->seq);
	put64(out + 88, (unsigned long long)h->hlc);
	put64(out + 96, h->length);
}

static int header_decode(const unsigned char in[SYNC_HEADER_LEN], struct sync_header *h, char *why,
                         size_t n)
{
	memset(h, 0, sizeof *h);
	if (memcmp(in, magic, sizeof magic) != 0) {
		snprintf(why, n, "not a cxo sync file");
		return EX_DATAERR;
	}
	h->version = in[7];
	if (h->version != SYNC_FORMAT_VERSION) {
		snprintf(why, n, "written in sync format %d (this cxo reads format %d)", h->version,
		         SYNC_FORMAT_VERSION);
		return EX_DATAERR;
	}
	h->kind = in[8];
	h->schema = (int)((unsigned)in[12] | (unsigned)in[13] << 8 | (unsigned)in[14] << 16 |
	                  (unsigned)in[15] << 24);
	memcpy(h->device, in + 16, SYNC_DEVICE_MAX);
	h->device[SYNC_DEVICE_MAX] = '\0';
	h->seq = (long long)get64(in + 80);
	h->hlc = (int64_t)get64(in + 88);
	h->length = get64(in + 96);
	if (h->kind < SYNC_FILE_CHANGESET || h->kind > SYNC_FILE_CHECK || h->seq < 0) {
		snprintf(why, n, "not a cxo sync file (kind %d)", h->kind);
		return EX_DATAERR;
	}
	return 0;
}

/* The size a file of header h has, when the header is honest. */
static int expected_size(const struct sync_header *h, unsigned long long *size)
{
	unsigned long long len = h->length;
	if (h->kind != SYNC_FILE_SNAPSHOT) {
		if (len > (unsigned long long)SYNC_CHANGESET_MAX)
			return EX_DATAERR;
		*size = SYNC_HEADER_LEN + NONCE_LEN + len + TAG_LEN;
		return 0;
	}
	if (len > (1ULL << 50))
		return EX_DATAERR;
	unsigned long long chunks = len / SYNC_CHUNK + 1; /* the last, maybe empty */
	*size = SYNC_HEADER_LEN + STREAM_HEAD + len + chunks * STREAM_TAG;
	return 0;
}

static int read_all(int fd, void *buf, size_t n)
{
	unsigned char *p = buf;
	while (n) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 ? EX_DATAERR : EX_IOERR;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static int write_all(int fd, const void *buf, size_t n)
{
	const unsigned char *p = buf;
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return EX_IOERR;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Opens path and reads its header, checked against the file's size. */
static int open_checked(const char *path, struct sync_header *h, unsigned char raw[SYNC_HEADER_LEN],
                        int *fdp, char *why, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		snprintf(why, n, "cannot be read: %s", strerror(errno));
		return EX_IOERR;
	}
	struct stat sb;
	int rc = 0;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		snprintf(why, n, "is not a regular file");
		rc = EX_DATAERR;
	} else if (sb.st_size < SYNC_HEADER_LEN) {
		snprintf(why, n, "is too short for a cxo sync file (%lld bytes; truncated?)",
		         (long long)sb.st_size);
		rc = EX_DATAERR;
	} else if ((rc = read_all(fd, raw, SYNC_HEADER_LEN))) {
		snprintf(why, n, "cannot be read: %s",
		         rc == EX_IOERR ? strerror(errno) : "too short");
	} else if (!(rc = header_decode(raw, h, why, n))) {
		unsigned long long want;
		if (expected_size(h, &want)) {
			snprintf(why, n, "says it carries %llu bytes, more than cxo accepts",
			         h->length);
			rc = EX_DATAERR;
		} else if ((unsigned long long)sb.st_size < want) {
			snprintf(why, n, "is truncated (%lld bytes of %llu)", (long long)sb.st_size,
			         want);
			rc = EX_DATAERR;
		} else if ((unsigned long long)sb.st_size > want) {
			snprintf(why, n, "has %llu bytes more than its header says",
			         (unsigned long long)sb.st_size - want);
			rc = EX_DATAERR;
		}
	}
	if (rc) {
		close(fd);
		return rc;
	}
	*fdp = fd;
	return 0;
}

int sync_header_read(const char *path, struct sync_header *h, char *why, size_t n)
{
	unsigned char raw[SYNC_HEADER_LEN];
	int fd, rc = open_checked(path, h, raw, &fd, why, n);
	if (!rc)
		close(fd);
	return rc;
}

int sync_file_read(const char *path, const unsigned char *key, struct sync_header *h, void **data,
                   size_t *size, char *why, size_t n)
{
	unsigned char raw[SYNC_HEADER_LEN], nonce[NONCE_LEN];
	int fd, rc = open_checked(path, h, raw, &fd, why, n);
	*data = NULL;
	*size = 0;
	if (rc)
		return rc;
	if (h->kind == SYNC_FILE_SNAPSHOT) {
		close(fd);
		snprintf(why, n, "is a snapshot, not a change");
		return EX_DATAERR;
	}
	size_t clen = (size_t)h->length + TAG_LEN;
	unsigned char *cipher = malloc(clen);
	unsigned char *plain = malloc((size_t)h->length + 1);
	if (!cipher || !plain) {
		snprintf(why, n, "out of memory");
		rc = EX_OSERR;
	} else if ((rc = read_all(fd, nonce, sizeof nonce)) || (rc = read_all(fd, cipher, clen))) {
		snprintf(why, n, "cannot be read: %s", strerror(errno));
	} else if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain, NULL, NULL, cipher, clen, raw,
	                                                      sizeof raw, nonce, key) != 0) {
		snprintf(why, n, "fails authentication (damaged, or written with another key)");
		rc = EX_DATAERR;
	}
	close(fd);
	free(cipher);
	if (rc) {
		free(plain);
		return rc;
	}
	plain[h->length] = '\0';
	*data = plain;
	*size = (size_t)h->length;
	return 0;
}

/* ---- writing, whole or not at all ---- */

void sync_dir_sync(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd); /* not every file system syncs a directory */
		close(fd);
	}
}

int sync_mkdir(const char *path, char *err, size_t errsz)
{
	struct stat sb;
	if (mkdir(path, 0700) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return 0;
	snprintf(err, errsz, "cannot create the directory %s: %s", path,
	         errno == EEXIST ? "a file is in the way" : strerror(errno));
	return EX_CANTCREAT;
}

/* A temporary file in dir, named after name. */
static int temp_in(const char *dir, const char *name, char *tmp, size_t n, int *fd)
{
	int w = snprintf(tmp, n, "%s/.%s.tmp-XXXXXX", dir, name);
	if (w < 0 || (size_t)w >= n)
		return EX_SOFTWARE;
	*fd = mkstemp(tmp);
	return *fd < 0 ? EX_CANTCREAT : 0;
}

/* Puts tmp at final without replacing a file there: EEXIST when one is. */
static int link_into_place(const char *tmp, const char *final)
{
	if (link(tmp, final) == 0)
		return 0;
	if (errno == EEXIST)
		return EEXIST;
	/* File systems without hard links (FAT on a USB stick): only this
	 * device writes its directory, so look, then rename. */
	if (errno == EPERM || errno == ENOSYS || errno == EOPNOTSUPP) {
		if (access(final, F_OK) == 0)
			return EEXIST;
		return rename(tmp, final) == 0 ? 0 : errno;
	}
	return errno;
}

/* Whether the file at path carries header h and data under key. */
static bool same_file(const char *path, const struct sync_header *h, const unsigned char *key,
                      const void *data, size_t size)
{
	struct sync_header got;
	void *have;
	size_t n;
	char why[256];
	if (sync_file_read(path, key, &got, &have, &n, why, sizeof why))
		return false;
	bool same = got.kind == h->kind && got.schema == h->schema && got.seq == h->seq &&
	            got.hlc == h->hlc && !strcmp(got.device, h->device) && n == size &&
	            (size == 0 || memcmp(have, data, size) == 0);
	free(have);
	return same;
}

int sync_file_write(const char *dir, const char *name, const struct sync_header *h,
                    const unsigned char *key, const void *data, size_t size, char *err,
                    size_t errsz)
{
	char tmp[PATH_MAX], final[PATH_MAX];
	unsigned char raw[SYNC_HEADER_LEN], nonce[NONCE_LEN];
	struct sync_header hh = *h;
	int fd, rc, w = snprintf(final, sizeof final, "%s/%s", dir, name);
	if (w < 0 || (size_t)w >= sizeof final || size > (size_t)SYNC_CHANGESET_MAX) {
		snprintf(err, errsz, "%s/%s: too long a path or too large a change", dir, name);
		return EX_SOFTWARE;
	}
	hh.length = size;
	header_encode(&hh, raw);
	randombytes_buf(nonce, sizeof nonce);
	unsigned char *cipher = malloc(size + TAG_LEN);
	if (!cipher) {
		snprintf(err, errsz, "out of memory");
		return EX_OSERR;
	}
	unsigned long long clen;
	crypto_aead_xchacha20poly1305_ietf_encrypt(cipher, &clen, data, size, raw, sizeof raw, NULL,
	                                           nonce, key);
	if ((rc = temp_in(dir, name, tmp, sizeof tmp, &fd))) {
		free(cipher);
		snprintf(err, errsz, "cannot write in %s: %s", dir, strerror(errno));
		return rc;
	}
	if (write_all(fd, raw, sizeof raw) || write_all(fd, nonce, sizeof nonce) ||
	    write_all(fd, cipher, (size_t)clen) || fsync(fd) != 0) {
		snprintf(err, errsz, "cannot write %s: %s", final, strerror(errno));
		rc = EX_IOERR;
	}
	free(cipher);
	if (close(fd) != 0 && !rc) {
		snprintf(err, errsz, "cannot write %s: %s", final, strerror(errno));
		rc = EX_IOERR;
	}
	if (!rc) {
		int e = link_into_place(tmp, final);
		if (e == EEXIST) {
			if (!same_file(final, &hh, key, data, size)) {
				snprintf(err, errsz,
				         "%s already exists with other contents: this device's "
				         "files in the folder are not this database's",
				         final);
				rc = EX_CANTCREAT;
			}
		} else if (e) {
			snprintf(err, errsz, "cannot write %s: %s", final, strerror(e));
			rc = EX_IOERR;
		}
	}
	(void)unlink(tmp); /* gone already when it was renamed */
	if (!rc)
		sync_dir_sync(dir);
	return rc;
}

/* ---- snapshots, streamed ---- */

int sync_stream_write(const char *in_path, const char *dir, const char *name, struct sync_header *h,
                      const unsigned char *key, char *err, size_t errsz)
{
	char tmp[PATH_MAX], final[PATH_MAX];
	unsigned char raw[SYNC_HEADER_LEN], head[STREAM_HEAD];
	err[0] = '\0';
	int w = snprintf(final, sizeof final, "%s/%s", dir, name);
	if (w < 0 || (size_t)w >= sizeof final) {
		snprintf(err, errsz, "%s/%s: too long a path", dir, name);
		return EX_SOFTWARE;
	}
	int in = open(in_path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (in < 0 || fstat(in, &sb) != 0) {
		snprintf(err, errsz, "cannot read %s: %s", in_path, strerror(errno));
		if (in >= 0)
			close(in);
		return EX_IOERR;
	}
	h->length = (unsigned long long)sb.st_size;
	header_encode(h, raw);
	int fd, rc = temp_in(dir, name, tmp, sizeof tmp, &fd);
	if (rc) {
		snprintf(err, errsz, "cannot write in %s: %s", dir, strerror(errno));
		close(in);
		return rc;
	}
	crypto_secretstream_xchacha20poly1305_state state;
	crypto_secretstream_xchacha20poly1305_init_push(&state, head, key);
	unsigned char *plain = malloc(SYNC_CHUNK), *cipher = malloc(SYNC_CHUNK + STREAM_TAG);
	if (!plain || !cipher) {
		snprintf(err, errsz, "out of memory");
		rc = EX_OSERR;
	} else if (write_all(fd, raw, sizeof raw) || write_all(fd, head, sizeof head)) {
		rc = EX_IOERR;
	}
	unsigned long long left = h->length;
	bool first = true;
	while (!rc) {
		size_t n = left < SYNC_CHUNK ? (size_t)left : SYNC_CHUNK;
		bool last = left < SYNC_CHUNK;
		if (n && read_all(in, plain, n)) {
			snprintf(err, errsz, "cannot read %s: it changed or failed", in_path);
			rc = EX_IOERR;
			break;
		}
		unsigned long long clen;
		crypto_secretstream_xchacha20poly1305_push(
		        &state, cipher, &clen, plain, n, first ? raw : NULL, first ? sizeof raw : 0,
		        last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
		first = false;
		if (write_all(fd, cipher, (size_t)clen)) {
			rc = EX_IOERR;
			break;
		}
		left -= n;
		if (last)
			break;
	}
	if (!rc && fsync(fd) != 0)
		rc = EX_IOERR;
	if (close(fd) != 0 && !rc)
		rc = EX_IOERR;
	if (rc == EX_IOERR && !err[0])
		snprintf(err, errsz, "cannot write %s: %s", final, strerror(errno));
	close(in);
	free(plain);
	free(cipher);
	/* A snapshot is found by its header's clock, never by its name: a
	 * newer one of the same sequence may replace it. */
	if (!rc && rename(tmp, final) != 0) {
		snprintf(err, errsz, "cannot write %s: %s", final, strerror(errno));
		rc = EX_IOERR;
	}
	if (rc)
		(void)unlink(tmp);
	else
		sync_dir_sync(dir);
	return rc;
}

int sync_stream_read(const char *path, const unsigned char *key, const char *out_path,
                     struct sync_header *h, char *err, size_t errsz)
{
	unsigned char raw[SYNC_HEADER_LEN], head[STREAM_HEAD];
	char why[256];
	int fd, rc = open_checked(path, h, raw, &fd, why, sizeof why);
	if (rc) {
		snprintf(err, errsz, "%s %s", path, why);
		return rc;
	}
	if (h->kind != SYNC_FILE_SNAPSHOT) {
		close(fd);
		snprintf(err, errsz, "%s is not a snapshot", path);
		return EX_DATAERR;
	}
	int out = open(out_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (out < 0) {
		snprintf(err, errsz, "cannot create %s: %s", out_path, strerror(errno));
		close(fd);
		return EX_CANTCREAT;
	}
	crypto_secretstream_xchacha20poly1305_state state;
	unsigned char *plain = malloc(SYNC_CHUNK), *cipher = malloc(SYNC_CHUNK + STREAM_TAG);
	if (!plain || !cipher) {
		snprintf(err, errsz, "out of memory");
		rc = EX_OSERR;
	} else if (read_all(fd, head, sizeof head) ||
	           crypto_secretstream_xchacha20poly1305_init_pull(&state, head, key) != 0) {
		snprintf(err, errsz, "%s cannot be read", path);
		rc = EX_DATAERR;
	}
	unsigned long long left = h->length;
	bool first = true;
	while (!rc) {
		size_t n = left < SYNC_CHUNK ? (size_t)left : SYNC_CHUNK;
		bool last = left < SYNC_CHUNK;
		unsigned char tag;
		if (read_all(fd, cipher, n + STREAM_TAG) ||
		    crypto_secretstream_xchacha20poly1305_pull(&state, plain, NULL, &tag, cipher,
		                                               n + STREAM_TAG, first ? raw : NULL,
		                                               first ? sizeof raw : 0) != 0 ||
		    (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) != last) {
			snprintf(err, errsz,
			         "%s fails authentication (damaged, or written with another key)",
			         path);
			rc = EX_DATAERR;
			break;
		}
		first = false;
		if (write_all(out, plain, n)) {
			snprintf(err, errsz, "cannot write %s: %s", out_path, strerror(errno));
			rc = EX_IOERR;
			break;
		}
		left -= n;
		if (last)
			break;
	}
	if (!rc && fsync(out) != 0) {
		snprintf(err, errsz, "cannot write %s: %s", out_path, strerror(errno));
		rc = EX_IOERR;
	}
	if (close(out) != 0 && !rc) {
		snprintf(err, errsz, "cannot write %s: %s", out_path, strerror(errno));
		rc = EX_IOERR;
	}
	close(fd);
	free(plain);
	free(cipher);
	if (rc)
		(void)unlink(out_path);
	return rc;
}

/* ---- the key file ---- */

int sync_key_load(const char *path, unsigned char key[SYNC_KEY_LEN], char *err, size_t errsz)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		snprintf(err, errsz, "no sync key at %s%s%s", path, errno == ENOENT ? "" : ": ",
		         errno == ENOENT ? "" : strerror(errno));
		return errno == ENOENT ? EX_NOINPUT : EX_NOPERM;
	}
	struct stat sb;
	char msg[512], buf[1024];
	if (fstat(fd, &sb) != 0 ||
	    !fileperm_ok(path, &sb, FILEPERM_PRIVATE, (unsigned)geteuid(), msg, sizeof msg)) {
		snprintf(err, errsz, "the sync key %s", msg);
		close(fd);
		return EX_NOPERM;
	}
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n < 0) {
		snprintf(err, errsz, "cannot read %s: %s", path, strerror(errno));
		return EX_IOERR;
	}
	buf[n] = '\0';
	for (char *line = buf; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (line[0] != '#' && len) {
			size_t bin;
			if (len == 2 * SYNC_KEY_LEN &&
			    sodium_hex2bin(key, SYNC_KEY_LEN, line, len, NULL, &bin, NULL) == 0 &&
			    bin == SYNC_KEY_LEN) {
				sodium_memzero(buf, sizeof buf);
				return 0;
			}
			break;
		}
		line = nl ? nl + 1 : NULL;
	}
	sodium_memzero(buf, sizeof buf);
	snprintf(err, errsz,
	         "%s holds no cxo sync key (expected a line of %d hexadecimal digits, as 'cxo "
	         "sync key --export' writes)",
	         path, 2 * SYNC_KEY_LEN);
	return EX_DATAERR;
}

int sync_key_save(const char *path, const unsigned char key[SYNC_KEY_LEN], bool replace, char *err,
                  size_t errsz)
{
	char text[256], hex[2 * SYNC_KEY_LEN + 1], tmp[PATH_MAX];
	sodium_bin2hex(hex, sizeof hex, key, SYNC_KEY_LEN);
	int len = snprintf(text, sizeof text,
	                   "# cxo sync key: whoever holds it reads the sync folder; keep it "
	                   "secret.\n# Give it to another device with: cxo sync key --import "
	                   "FILE\n%s\n",
	                   hex);
	int w = snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path);
	int fd = w < 0 || (size_t)w >= sizeof tmp ? -1 : mkstemp(tmp);
	int rc = 0;
	if (fd < 0) {
		snprintf(err, errsz, "cannot write %s: %s", path, strerror(errno));
		rc = EX_CANTCREAT;
	} else {
		if (fchmod(fd, 0600) != 0 || write_all(fd, text, (size_t)len) || fsync(fd) != 0) {
			snprintf(err, errsz, "cannot write %s: %s", path, strerror(errno));
			rc = EX_IOERR;
		}
		if (close(fd) != 0 && !rc) {
			snprintf(err, errsz, "cannot write %s: %s", path, strerror(errno));
			rc = EX_IOERR;
		}
		if (!rc && replace && rename(tmp, path) != 0) {
			snprintf(err, errsz, "cannot write %s: %s", path, strerror(errno));
			rc = EX_IOERR;
		} else if (!rc && !replace && link(tmp, path) != 0) {
			int e = errno;
			snprintf(err, errsz, "%s %s", path,
			         e == EEXIST ? "exists already: cxo never writes over a file"
			                     : strerror(e));
			rc = e == EEXIST ? EX_CANTCREAT : EX_IOERR;
		}
		(void)unlink(tmp);
	}
	sodium_memzero(text, sizeof text);
	sodium_memzero(hex, sizeof hex);
	return rc;
}
