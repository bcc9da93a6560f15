"""Where lawstats may write, and how: it never deletes or overwrites what it did not write.

Every command that writes goes through this module.

**A site folder** (``lawstats build --out DIR``) is written only when it is
absent, empty, or a site lawstats built, recognised by the manifest
:data:`MANIFEST` that every build writes into it: the lawstats version and the
SHA-256 of every file it wrote.  :func:`check_output_dir` refuses anything else
before any work starts, with one line naming the folder and what is in it.
Some folders are refused even when empty: a filesystem root, the home folder
or one that holds it, a project root (a folder with ``pyproject.toml`` or
``.git``), the current folder or one that holds it, and a folder that holds,
or lies inside, one of the command's input folders.

Replacing an earlier site (:func:`replace_site`) removes only the files its
manifest lists, and only while they still have the bytes lawstats wrote; every
other entry (a file the user dropped into the site, a page the user edited) is
moved into the new site unchanged.  The new site is assembled in a hidden
folder beside the old one and swapped in by renaming, so a build that fails
leaves the previous site as it was.

**A single file** (``extract -o``, ``lawstats data``) is written with
:func:`atomic_write_bytes`: to a temporary file in the same folder, then
renamed over the target, so a reader (or a failed run) sees the old file or the
new one, never half of one.  :func:`check_output_file` refuses a target that is
an input of the same command (also through a symbolic or hard link), a folder,
or an existing file that is not a table lawstats wrote (recognised by its
header line).
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

from lawstats.errors import LawstatsError

__all__ = ["MANIFEST", "OutputError", "check_output_dir", "check_output_file", "check_cache_dir", "read_manifest",
           "write_manifest", "remove_listed", "replace_site", "atomic_write_bytes",
           "atomic_write_text", "same_file"]

#: The file that marks a folder as a site lawstats wrote, listing its files.
MANIFEST = ".lawstats-site.json"
#: How many entries a refusal names before "…".
_SHOWN = 3


class OutputError(LawstatsError, ValueError):
    """lawstats refuses to write somewhere: the message names the place, why, and what to do."""


# --------------------------------------------------------------------------- small helpers

def _version() -> str:
    from lawstats import __version__

    return __version__


def _display(path: Path) -> str:
    """``path`` as a user would write it: ``~/x`` under the home folder."""
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError):  # no home folder known
        return str(path)
    if path == home:
        return "~"
    try:
        return "~/" + path.relative_to(home).as_posix()
    except ValueError:
        return str(path)


def _is_within(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or inside it (both resolved)."""
    return path == folder or folder in path.parents


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when two paths name the same file: same resolved path, or (both existing)
    the same inode, which also catches hard links.

    Examples
    --------
    >>> same_file("a/../b.csv", "b.csv")
    True
    >>> same_file("a.csv", "b.csv")
    False
    """
    a, b = Path(a), Path(b)
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _entry_name(folder: Path, entry: os.DirEntry) -> str:
    return entry.name + ("/" if entry.is_dir(follow_symlinks=False) else "")


def _listing(names: list[str]) -> str:
    shown = ", ".join(sorted(names)[:_SHOWN])
    return shown + (", …" if len(names) > _SHOWN else "")


# --------------------------------------------------------------------------- manifests

def read_manifest(folder: str | Path) -> dict | None:
    """The manifest of a site folder, or None when it has none.

    Raises
    ------
    OutputError
        If the manifest exists but is not one lawstats wrote (bad JSON, or
        file names that leave the folder).
    """
    path = Path(folder) / MANIFEST
    if not path.is_file() or path.is_symlink():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = manifest["files"]
        ok = isinstance(files, dict) and all(
            isinstance(k, str) and isinstance(v, str) and _safe_relative(k) for k, v in files.items())
    except (OSError, ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        raise OutputError(f"refusing to write the site into {_display(Path(folder).resolve())}: "
                          f"its {MANIFEST} is not one lawstats wrote; choose an empty or new folder")
    return manifest


def _safe_relative(name: str) -> bool:
    """A manifest entry must stay inside the folder: relative, no ``..``, no empty part."""
    parts = name.split("/")
    return bool(name) and not name.startswith("/") and "\\" not in name and \
        all(p not in ("", ".", "..") for p in parts)


def write_manifest(folder: str | Path) -> dict:
    """List every file under ``folder`` with its SHA-256 in ``folder/MANIFEST``; return the manifest.

    Call it on a folder lawstats has just filled (the site being assembled).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "index.html").write_text("<p>hi</p>")
    ...     sorted(write_manifest(tmp)["files"])
    ['index.html']
    """
    folder = Path(folder)
    files = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if name == MANIFEST or path.is_dir() or path.is_symlink():
            continue
        files[name] = _sha256(path)
    manifest = {"written_by": "lawstats", "version": _version(), "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    return manifest


def _ours(folder: Path, manifest: Mapping | None) -> tuple[list[str], list[str]]:
    """Split the entries under ``folder`` into (files lawstats wrote, foreign entries).

    A file is lawstats's when the manifest lists it and it still has the listed
    bytes (a regular file, not a link).  A folder holding a listed file is
    looked into; any other entry (file, link or whole folder) is foreign.
    Names are relative POSIX paths; foreign folders end with ``/``.
    """
    files = dict(manifest["files"]) if manifest else {}
    folders = {"/".join(name.split("/")[:i]) for name in files for i in range(1, name.count("/") + 1)}
    ours, foreign = [], []

    def walk(directory: Path, prefix: str) -> None:
        with os.scandir(directory) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                name = prefix + entry.name
                if name == MANIFEST and manifest is not None:
                    continue
                if entry.is_dir(follow_symlinks=False) and name in folders:
                    walk(Path(entry.path), name + "/")
                elif (name in files and entry.is_file(follow_symlinks=False)
                      and _sha256(Path(entry.path)) == files[name]):
                    ours.append(name)
                else:
                    foreign.append(name + ("/" if entry.is_dir(follow_symlinks=False) else ""))

    walk(folder, "")
    return ours, foreign


# --------------------------------------------------------------------------- checks

def _project_root(folder: Path) -> bool:
    return (folder / "pyproject.toml").exists() or (folder / ".git").exists()


def _refuse(folder: Path, why: str, what: str = "the site") -> OutputError:
    return OutputError(f"refusing to write {what} into {_display(folder)}: {why}; "
                       "choose an empty or new folder")


def _check_place(folder: Path, inputs: Iterable, what: str, *, cwd: bool = True) -> None:
    """Refuse the folders that are never written into, even when empty."""
    if folder.parent == folder:
        raise _refuse(folder, "it is the root of the file system", what)
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError):
        home = None
    if home is not None and _is_within(home, folder):
        raise _refuse(folder, "it is the home folder" if folder == home else "it holds the home folder", what)
    if folder.is_dir() and _project_root(folder):
        raise _refuse(folder, "it is a project's root (it holds pyproject.toml or .git)", what)
    if cwd and _is_within(Path.cwd().resolve(), folder):
        raise _refuse(folder, "it is the current folder" if folder == Path.cwd().resolve()
                      else "it holds the current folder", what)
    for given in inputs:
        if given is None:
            continue
        source = Path(given).expanduser().resolve()
        if _is_within(source, folder):
            relation = "it is" if source == folder else f"it holds {_display(source)},"
            raise _refuse(folder, f"{relation} an input of this command", what)
        if source.is_dir() and _is_within(folder, source):
            raise _refuse(folder, f"it is inside {_display(source)}, an input folder of this command", what)


def check_cache_dir(path: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """Check a cache folder (``build --cache-dir``); return it resolved.

    The cache is lawstats's own: it writes entries there and prunes old ones
    (only folders it named and filled, see :mod:`lawstats.site.build`).  The
    folders refused to a site even when empty are refused here too.
    """
    folder = Path(path).expanduser().resolve()
    _check_place(folder, inputs, "the build cache")
    return folder


def check_output_dir(path: str | Path, inputs: Iterable[str | Path] = (), *,
                     what: str = "the site") -> dict | None:
    """Check that a site may be written into ``path``; return its current manifest (or None).

    Parameters
    ----------
    path : str or Path
        The folder the site will replace.
    inputs : iterable of path
        The command's inputs (report file, notebooks and data folders, cache):
        the site may not be written into a folder that holds one, nor inside an
        input folder.
    what : str
        What is written, for the message.

    Returns
    -------
    dict or None
        The manifest of the earlier site in ``path``; None when ``path`` is
        absent or empty.

    Raises
    ------
    OutputError
        One line naming the folder and why it is refused.

    Examples
    --------
    >>> import tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> site = Path(tmp.name) / "site"
    >>> print(check_output_dir(site))
    None
    >>> site.mkdir(); _ = (site / "thesis.docx").write_bytes(b"mine")
    >>> check_output_dir(site)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lawstats.outputs.OutputError: refusing to write the site into .../site: it holds 1 entry lawstats did not write (thesis.docx); choose an empty or new folder
    >>> tmp.cleanup()
    """
    folder = Path(path).expanduser().resolve()
    _check_place(folder, inputs, what)
    if not folder.exists() and not folder.is_symlink():
        return None
    if folder.is_symlink() or not folder.is_dir():
        raise OutputError(f"refusing to write {what} into {_display(folder)}: it is a file, not a folder; "
                          "choose an empty or new folder")
    manifest = read_manifest(folder)
    if manifest is None:
        with os.scandir(folder) as entries:
            names = [_entry_name(folder, e) for e in entries]
        if names:
            n = len(names)
            hint = ""
            if {"index.html", "static/"} <= set(names):
                hint = (f"; if it is a site an earlier lawstats built (without {MANIFEST}), "
                        "remove it yourself once")
            raise _refuse(folder, f"it holds {n} entr{'y' if n == 1 else 'ies'} lawstats did not write "
                                  f"({_listing(names)}){hint}", what)
    return manifest


def check_output_file(path: str | Path, inputs: Iterable[str | Path] = (), *,
                      headers: Iterable[str] = (), option: str = "the output") -> Path:
    """Check that a table may be written to the file ``path``; return it resolved.

    Parameters
    ----------
    path : str or Path
        The file to write.
    inputs : iterable of path
        Files this command reads: ``path`` may not be one of them (compared
        by resolved path, and by inode when both exist: links count).
    headers : iterable of str
        Header lines of the tables lawstats writes there: an existing regular
        file is overwritten only when it is empty or its first line is one of
        them.
    option : str
        How the user named ``path`` (``"-o"``), for the message.

    Raises
    ------
    OutputError
        The path is an input, a folder, in a missing folder, or a file lawstats
        did not write.

    Examples
    --------
    >>> check_output_file("figures.csv", ["figures.csv"], option="-o")
    Traceback (most recent call last):
    ...
    lawstats.outputs.OutputError: refusing to write -o figures.csv: it is also an input of this command; choose another file
    """
    target = Path(path).expanduser()
    for given in inputs:
        if given is not None and same_file(target, given):
            raise OutputError(f"refusing to write {option} {path}: it is also an input of this command; "
                              "choose another file")
    if target.is_dir():
        raise OutputError(f"refusing to write {option} {path}: it is a folder; expected a file name")
    parent = target.resolve().parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {option} {path}: the folder {parent} does not exist")
    if target.exists() and stat.S_ISREG(os.stat(target).st_mode) and os.stat(target).st_size:
        headers = {h.rstrip("\r\n") for h in headers}
        try:
            with open(target, "rb") as fh:
                first = fh.readline(1 << 16).decode("utf-8-sig").rstrip("\r\n")
        except (OSError, UnicodeDecodeError):
            first = None
        if first not in headers:
            raise OutputError(f"refusing to overwrite {option} {path}: it is not a table lawstats wrote "
                              "(its first line is not a lawstats header); choose a new file name or "
                              "remove it yourself")
    return target


# --------------------------------------------------------------------------- writing

def _mode_for(target: Path) -> int:
    """The permissions a new file gets: the existing file's, else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all.

    A regular file (or a new one) is written to a temporary file in the same
    folder, then renamed over ``path``; a link is followed, so the file it
    points to is replaced and the link kept.  A special file the user named on
    purpose (``/dev/stdout``, a pipe) is written to directly.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     atomic_write_bytes(Path(tmp) / "t.csv", b"a,b\\n")
    ...     (Path(tmp) / "t.csv").read_bytes(), len(list(Path(tmp).iterdir()))
    (b'a,b\\n', 1)
    """
    try:
        mode = os.stat(path).st_mode  # through links: /dev/stdout is a link to a pipe or terminal
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        with open(path, "wb") as fh:  # never replace a device or pipe by a file
            fh.write(data)
        return
    target = Path(os.path.realpath(path))
    mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """:func:`atomic_write_bytes` of ``text`` encoded (UTF-8 by default)."""
    atomic_write_bytes(path, text.encode(encoding))


# --------------------------------------------------------------------------- replacing a site

def remove_listed(folder: str | Path, manifest: Mapping) -> list[str]:
    """Remove the files ``manifest`` lists from ``folder`` (only those with the listed bytes),
    then the folders that held them once they are empty; return what is left (foreign entries).
    """
    folder = Path(folder)
    ours, foreign = _ours(folder, manifest)
    for name in ours:
        (folder / name).unlink()
    parents = sorted({p for name in ours for p in Path(name).parents if p != Path(".")},
                     key=lambda p: len(p.parts), reverse=True)
    for parent in parents:
        try:
            (folder / parent).rmdir()
        except OSError:  # not empty: something of the user's is in it
            pass
    if manifest is not None and (folder / MANIFEST).is_file() and not (folder / MANIFEST).is_symlink():
        (folder / MANIFEST).unlink()
    return foreign


def replace_site(new: str | Path, out: str | Path) -> list[str]:
    """Swap the site assembled in ``new`` in as ``out``, keeping everything of the user's.

    ``out`` is absent, or was accepted by :func:`check_output_dir`; it is
    looked at again now (it may have changed during the build).  Only the files
    its manifest lists, with the listed bytes, are removed; entries of ``out``
    that lawstats did not write are moved into the new site; if one has the
    name of a file of the new site, nothing is changed and :class:`OutputError`
    is raised.
    Returns the foreign entries kept.  ``new`` must be a folder beside ``out``
    (same file system) holding its manifest already.
    """
    new, out = Path(new), Path(out)
    if not out.exists():
        os.rename(new, out)
        return []
    # the folder may have changed since it was checked: look again, now
    manifest = read_manifest(out)
    ours, foreign = _ours(out, manifest)
    clash = [name for name in foreign if (new / name.rstrip("/")).exists()
             or any((new / p).is_file() for p in Path(name.rstrip("/")).parents if p != Path("."))]
    if clash:
        n = len(clash)
        raise OutputError(f"refusing to replace the site in {_display(out)}: {n} of its entries "
                          f"{'was' if n == 1 else 'were'} not written by lawstats (or changed since) and "
                          f"{'has' if n == 1 else 'have'} the name of a new page ({_listing(clash)}); "
                          "move them away and build again")
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if old.exists() or old.is_symlink():
        raise OutputError(f"cannot replace the site in {_display(out)}: {_display(old)} is in the way "
                          "(left by an interrupted build?); look into it and remove it yourself")
    os.rename(out, old)
    try:
        os.rename(new, out)
    except BaseException:
        os.rename(old, out)
        raise
    for name in foreign:  # the user's entries go into the new site
        name = name.rstrip("/")
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        os.rename(old / name, out / name)
    left = remove_listed(old, manifest) if manifest is not None else []
    try:
        old.rmdir()
    except OSError:
        raise OutputError(f"the new site is in {_display(out)}, but {_display(old)} still holds "
                          f"{_listing(left or [p.name for p in old.iterdir()])}; nothing was deleted, "
                          "look into it") from None
    return foreign
