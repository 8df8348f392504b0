"""_native.py: libnewsrec through ctypes: the structs of newsrec.h, and articles in (a batch per call), their JSON text or CSV rows out."""
import ctypes
import json
import os
import weakref

from ._errors import Error

HERE = os.path.dirname(os.path.abspath(__file__))


class Limits(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in
                ("max_article_bytes", "max_line_bytes", "max_sentences", "max_mentions", "max_nesting")]


class CError(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("message", ctypes.c_char * 512)]


class Input(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("len", ctypes.c_size_t), ("source", ctypes.c_char_p),
                ("record_id", ctypes.c_char_p), ("title", ctypes.c_char_p), ("published", ctypes.c_char_p),
                ("url", ctypes.c_char_p), ("is_json_text", ctypes.c_int)]


class Buf(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("len", ctypes.c_size_t), ("cap", ctypes.c_size_t),
                ("failed", ctypes.c_int)]


class JsonOpts(ctypes.Structure):
    _fields_ = [("pretty", ctypes.c_int), ("with_text", ctypes.c_int)]


EVENT_SCOPES = {"verbs": 0, "all": 1}
# What one extraction gives back: the record as a dict, its JSON text (the bytes of one line
# of --format jsonl), or its rows of the five CSV tables (RFC 4180, as --format csv writes them).
OUTPUTS = ("dict", "json", "csv")
TABLES = ("articles", "actors", "mentions", "statements", "events")


def wire(output):
    """What run_many is asked for, for one of OUTPUTS: a dict is made from the JSON text by the
    caller, so with threads the next extraction (which releases the GIL) runs while it is
    parsed."""
    if output not in OUTPUTS:
        raise ValueError("output must be one of %s" % ", ".join(OUTPUTS))
    return "json" if output == "dict" else output


def _candidates():
    """Where libnewsrec.so may be, first match wins: $NEWSREC_LIBRARY, the path make install
    wrote, the source tree's build/, then the system's loader path."""
    if os.environ.get("NEWSREC_LIBRARY"):
        yield os.environ["NEWSREC_LIBRARY"]
    try:
        from ._installed import LIBRARY
        yield LIBRARY
    except ImportError:
        pass
    yield os.path.join(HERE, "..", "..", "build", "libnewsrec.so")
    yield "libnewsrec.so.0"


def _load():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            return _declare(ctypes.CDLL(path))
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("newsrec: libnewsrec.so not found; build it with make in the source tree, "
                      "or set NEWSREC_LIBRARY to its path. Tried: " + "; ".join(tried))


def _declare(lib):
    P = ctypes.POINTER
    sigs = {
        "nr_limits_default": (None, [P(Limits)]),
        "nr_status_name": (ctypes.c_char_p, [ctypes.c_int]),
        "nr_ctx_new": (ctypes.c_void_p, [P(Limits)]),
        "nr_ctx_free": (None, [ctypes.c_void_p]),
        "nr_ctx_set_event_scope": (None, [ctypes.c_void_p, ctypes.c_int]),
        "nr_extract": (ctypes.c_void_p, [ctypes.c_void_p, P(Input), P(CError)]),
        "nr_article_free": (None, [ctypes.c_void_p]),
        "nr_buf_init": (None, [P(Buf)]),
        "nr_buf_free": (None, [P(Buf)]),
        "nr_write_json": (None, [P(Buf), ctypes.c_void_p, P(JsonOpts)]),
        "nr_write_csv_header": (None, [P(Buf), ctypes.c_int, ctypes.c_int]),
        "nr_write_csv_rows": (ctypes.c_size_t, [P(Buf), ctypes.c_int, ctypes.c_void_p, ctypes.c_int]),
        "nr_extract_json_many": (ctypes.c_size_t, [ctypes.c_void_p, P(Input), ctypes.c_size_t, P(JsonOpts),
                                                   P(Buf), P(ctypes.c_size_t), P(CError)]),
        "nr_jsonl_parse": (ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                             ctypes.c_long, P(CError)]),
        "nr_jsonl_input": (P(Input), [ctypes.c_void_p]),
        "nr_jsonl_free": (None, [ctypes.c_void_p]),
    }
    for name, (res, args) in sigs.items():
        f = getattr(lib, name)
        f.restype, f.argtypes = res, args
    return lib


LIB = _load()


def status_name(status):
    return LIB.nr_status_name(status).decode()


def _raise(err):
    raise Error(status_name(err.status), err.message.decode("utf-8", "replace"))


def _c_string(value, what):
    """A metadata string as the NUL-terminated bytes the library reads (UTF-8 for a str; bytes,
    such as a file name from os.fsencode, as they are: the library repairs invalid UTF-8 in a
    source as the command does), or None."""
    if value is None:
        return None
    if isinstance(value, bytes):
        b = value
    elif isinstance(value, str):
        b = _utf8(value, what)
    else:
        raise Error("input", "%s must be a string, not %s" % (what, type(value).__name__))
    if b"\0" in b:
        raise Error("input", "%s holds a NUL character at byte %d" % (what, b.index(b"\0")))
    return b


def _utf8(text, what):
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise Error("input", "%s is not valid Unicode: %s at index %d" % (what, e.reason, e.start)) from None


class Context:
    """The library's lexicons and settings (an nr_ctx): built once, shared by threads, freed with
    the object. Calls release the GIL, so threads extract in parallel."""

    def __init__(self, events="verbs", with_text=False):
        if events not in EVENT_SCOPES:
            raise Error("input", "events must be 'verbs' or 'all', not %r" % (events,))
        limits = Limits()
        LIB.nr_limits_default(ctypes.byref(limits))
        self._ctx = LIB.nr_ctx_new(ctypes.byref(limits))
        if not self._ctx:
            raise Error("memory", "out of memory building the context")
        # finalize, not __del__: it also runs at interpreter exit, before the module is torn down
        weakref.finalize(self, LIB.nr_ctx_free, self._ctx)
        LIB.nr_ctx_set_event_scope(self._ctx, EVENT_SCOPES[events])
        self._opts = JsonOpts(0, 1 if with_text else 0)

    def extract(self, data, source=None, id=None, date=None, url=None, title=None, output="dict"):
        """One article: data is str (Unicode text, as a JSON Lines record's text) or bytes (a
        file's raw bytes, decoded by the library as the command decodes files); output is one
        of OUTPUTS. Raises Error."""
        return self._one(("text", data, source, id, date, url, title), output)

    def extract_jsonl(self, line, file, lineno, output="dict"):
        """One JSON Lines record (bytes, without its newline), read as the command reads it; an
        article without an id gets the source FILE:LINE."""
        return self._one(("jsonl", line, file, lineno), output)

    def _one(self, spec, output):
        result = self.run_many([spec], wire(output))[0]
        if isinstance(result, Error):
            raise result
        return json.loads(result) if output == "dict" else result

    def run_many(self, specs, output):
        """The articles of specs, each ("text", data, source, id, date, url, title) or ("jsonl",
        line, file, lineno), as a list in the same order of their JSON text (output "json") or
        CSV rows ("csv"), or of the Error that stopped one. The JSON documents come from one
        library call, which runs without the GIL."""
        results = [None] * len(specs)
        inputs, slots, keep, recs = [], [], [], []
        try:
            for k, spec in enumerate(specs):
                try:
                    inputs.append(self._prepare(spec, keep, recs))
                    slots.append(k)
                except Error as e:
                    results[k] = e
            done = self._csv_each(inputs) if output == "csv" else self._json_many(inputs)
            for k, r in zip(slots, done):
                results[k] = r
        finally:
            for rec in recs:
                LIB.nr_jsonl_free(rec)
        return results

    @staticmethod
    def _prepare(spec, keep, recs):
        """An nr_input for spec; the bytes it points to go to keep, a parsed JSON Lines record to
        recs (freed by the caller after the extraction)."""
        if spec[0] == "jsonl":
            _, line, file, lineno = spec
            err = CError()
            rec = LIB.nr_jsonl_parse(line, len(line), _c_string(file, "file name"), lineno, ctypes.byref(err))
            if not rec:
                _raise(err)
            recs.append(rec)
            inp = Input.from_buffer_copy(LIB.nr_jsonl_input(rec).contents)
            if not inp.source:
                inp.source = _c_string(file + (b":%d" if isinstance(file, bytes) else ":%d") % lineno, "source")
            return inp
        _, data, source, id, date, url, title = spec
        if isinstance(data, str):
            raw, is_text = _utf8(data, "text"), 1
        elif isinstance(data, (bytes, bytearray, memoryview)):
            raw, is_text = bytes(data), 0
        else:
            raise Error("input", "text must be str or bytes, not %s" % type(data).__name__)
        meta = [_c_string(v, w) for v, w in ((source if source is not None else id, "source"), (id, "id"),
                                             (title, "title"), (date, "date"), (url, "url"))]
        keep.append(raw)
        return Input(ctypes.cast(ctypes.c_char_p(raw), ctypes.c_void_p), len(raw), *meta, is_text)

    def _json_many(self, inputs):
        n = len(inputs)
        if not n:
            return []
        errs, ends = (CError * n)(), (ctypes.c_size_t * n)()
        buf = Buf()
        LIB.nr_buf_init(ctypes.byref(buf))
        try:
            LIB.nr_extract_json_many(self._ctx, (Input * n)(*inputs), n, ctypes.byref(self._opts),
                                     ctypes.byref(buf), ends, errs)
            data = ctypes.string_at(buf.data, buf.len) if buf.len else b""
        finally:
            LIB.nr_buf_free(ctypes.byref(buf))
        out, start = [], 0
        for i in range(n):
            if errs[i].status:
                out.append(Error(status_name(errs[i].status), errs[i].message.decode("utf-8", "replace")))
            else:
                out.append(data[start:ends[i] - 1])
            start = ends[i]
        return out

    def _csv_each(self, inputs):
        out = []
        for inp in inputs:
            try:
                out.append(self._csv(inp))
            except Error as e:
                out.append(e)
        return out

    def _csv(self, inp):
        err = CError()
        art = LIB.nr_extract(self._ctx, ctypes.byref(inp), ctypes.byref(err))
        if not art:
            _raise(err)
        buf = Buf()
        LIB.nr_buf_init(ctypes.byref(buf))
        try:
            rows = {}
            for t, name in enumerate(TABLES):
                LIB.nr_write_csv_rows(ctypes.byref(buf), t, art, 0)
                rows[name] = ctypes.string_at(buf.data, buf.len) if buf.len else b""
                buf.len = 0
            if buf.failed:
                raise Error("memory", "out of memory writing the tables")
            return rows
        finally:
            LIB.nr_buf_free(ctypes.byref(buf))
            LIB.nr_article_free(art)


def csv_header(table):
    """The header row of one CSV table (RFC 4180), as bytes."""
    buf = Buf()
    LIB.nr_buf_init(ctypes.byref(buf))
    try:
        LIB.nr_write_csv_header(ctypes.byref(buf), TABLES.index(table), 0)
        if buf.failed:
            raise Error("memory", "out of memory writing a header")
        return ctypes.string_at(buf.data, buf.len)
    finally:
        LIB.nr_buf_free(ctypes.byref(buf))
