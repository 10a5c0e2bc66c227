/*
 * store: small text files that survive crashes, kills and concurrent
 * writers: the bookmarks and the reading positions.
 *
 * What always holds: a file written with store_write() is, at every moment
 * and whatever kills the writer, either its old or its new content, never a
 * mixture or a truncation; the only debris a kill can leave is a temporary
 * ".NAME.XXXXXX" beside it, which the next store_lock() removes. Writers
 * that read, change and rewrite a file do so between store_lock() and
 * store_unlock(), so that no writer's change is lost to another's.
 */
#ifndef READER_STORE_H
#define READER_STORE_H

#include <stddef.h>

#include "error.h"

/*
 * Replace the file at path with len bytes of data: write a temporary file
 * in the same directory, fsync it, rename it over path, fsync the
 * directory. A symbolic link at path is followed (its target is replaced:
 * a bookmark file kept in a dotfiles repository stays there); the record
 * layer never gets here for a target that is not one of its files (see
 * record.h). An existing file's mode, owner and group are kept, or it is
 * not replaced ("cannot keep its owner, group and mode"); a new file is
 * 0600. Returns 0,
 * or -1 with err filled ("PATH: reason") and path untouched; the one
 * exception is a failure to sync the directory after the rename, when path
 * already holds the new content and err says "written, but ...".
 */
int store_write(const char *path, const char *data, size_t len, struct error *err);

/*
 * Take an exclusive lock (flock) on PATH.lock, created 0600 when missing,
 * waiting up to 5 seconds for another holder to let go; then remove the
 * temporaries that killed writers of path left behind. Every writer of
 * path must hold this lock. Returns the lock's descriptor, or -1 with err
 * filled (naming PATH.lock).
 */
int store_lock(const char *path, struct error *err);
/* Release a lock from store_lock(); fd may be -1. */
void store_unlock(int fd);

/* Create dir and its missing parents, mode 0700. Returns 0, or -1 with err
 * naming the path that could not be created. */
int store_mkdirs(const char *dir, struct error *err);

/*
 * Where a per-user file lives: $XDG_VAR/reader/NAME when the variable
 * xdg_var is set to an absolute path, else HOME/FALLBACK/reader/NAME
 * (HOME from the environment, else the password database). For example
 * store_path("XDG_DATA_HOME", ".local/share", "bookmarks"). Returns a new
 * string, or NULL when there is no home directory at all.
 */
char *store_path(const char *xdg_var, const char *fallback_under_home, const char *name);

/* The directory part of path ("." when it has none), as a new string. */
char *store_dirname(const char *path);

#endif
