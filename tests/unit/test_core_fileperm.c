/* Unit tests for src/core/fileperm.c: which files cxo trusts. */
#include "cxo/fileperm.h"

#include <criterion/criterion.h>
#include <string.h>

static struct stat file_of(unsigned uid, mode_t type, unsigned mode)
{
	struct stat sb;
	memset(&sb, 0, sizeof sb);
	sb.st_uid = uid;
	sb.st_mode = type | mode;
	return sb;
}

Test(core_fileperm, private_file_of_ones_own)
{
	char msg[256];
	struct stat sb = file_of(1000, S_IFREG, 0600);
	cr_assert(fileperm_ok("db", &sb, FILEPERM_PRIVATE, 1000, msg, sizeof msg));
	cr_assert_str_eq(msg, "");
	sb = file_of(1000, S_IFREG, 0400);
	cr_assert(fileperm_ok("db", &sb, FILEPERM_PRIVATE, 1000, msg, sizeof msg));
}

Test(core_fileperm, private_refuses_any_access_for_others)
{
	char msg[256];
	struct stat sb = file_of(1000, S_IFREG, 0644);
	cr_assert_not(fileperm_ok("z.db", &sb, FILEPERM_PRIVATE, 1000, msg, sizeof msg));
	cr_assert(strstr(msg, "mode 0644"), "%s", msg);
	cr_assert(strstr(msg, "chmod 600 z.db"), "%s", msg);
	sb = file_of(1000, S_IFREG, 0640);
	cr_assert_not(fileperm_ok("z.db", &sb, FILEPERM_PRIVATE, 1000, msg, sizeof msg));
}

Test(core_fileperm, private_refuses_another_owner_even_root)
{
	char msg[256];
	struct stat sb = file_of(65533, S_IFREG, 0666);
	cr_assert_not(fileperm_ok("w.db-wal", &sb, FILEPERM_PRIVATE, 1000, msg, sizeof msg));
	cr_assert(strstr(msg, "uid 65533, mode 0666"), "%s", msg);
	cr_assert(strstr(msg, "remove it"), "%s", msg);
	sb = file_of(0, S_IFREG, 0600);
	cr_assert_not(fileperm_ok("w.db", &sb, FILEPERM_PRIVATE, 1000, msg, sizeof msg));
}

Test(core_fileperm, links_and_other_types_refused)
{
	char msg[256];
	struct stat sb = file_of(1000, S_IFLNK, 0777);
	cr_assert_not(fileperm_ok("l.db", &sb, FILEPERM_PRIVATE, 1000, msg, sizeof msg));
	cr_assert(strstr(msg, "is a symbolic link"), "%s", msg);
	sb = file_of(1000, S_IFDIR, 0700);
	cr_assert_not(fileperm_ok("d", &sb, FILEPERM_TRUSTED, 1000, msg, sizeof msg));
	cr_assert(strstr(msg, "not a regular file"), "%s", msg);
}

Test(core_fileperm, trusted_settings)
{
	char msg[256];
	struct stat sb = file_of(1000, S_IFREG, 0644);
	cr_assert(fileperm_ok("config", &sb, FILEPERM_TRUSTED, 1000, msg, sizeof msg));
	sb = file_of(0, S_IFREG, 0644); /* an installed theme */
	cr_assert(fileperm_ok("t.theme", &sb, FILEPERM_TRUSTED, 1000, msg, sizeof msg));
	sb = file_of(1000, S_IFREG, 0664);
	cr_assert_not(fileperm_ok("config", &sb, FILEPERM_TRUSTED, 1000, msg, sizeof msg));
	cr_assert(strstr(msg, "chmod go-w config"), "%s", msg);
	sb = file_of(65533, S_IFREG, 0644);
	cr_assert_not(fileperm_ok("config", &sb, FILEPERM_TRUSTED, 1000, msg, sizeof msg));
	cr_assert(strstr(msg, "belongs to another user"), "%s", msg);
}
