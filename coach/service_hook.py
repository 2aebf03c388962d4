"""The queue-calling system's hook: "next customer" and "service ended", on this machine only.

The live coach listens on 127.0.0.1 (`ServiceHook`, a small HTTP server on its own thread; never
another interface). A branch's queue system, or anything it can run, calls

    python -m coach signal next-customer --person alice      # or: service-end

which is a thin client (`send_signal`) of the same endpoint:

    POST /signal   Authorization: Bearer <credential>
    {"signal": "next-customer", "person": "alice"}

The credential is a writer's, as for any write to the store (`coach.store.credentials`): this
workstation's token, or a login's session token. The hook checks it against the store on every
call and refuses a signal for anybody but the person this live session coaches, or from an
identity that may not record that person (403 with an error code the client translates). Signals
go into a queue; the frame thread hands them to the engine at the next frame's time
(`coach.engine.Engine.service_signal`), so time stays the frames' time.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from coach.errors import CoachError
from coach.trackers.service import SIGNALS

LOOPBACK = "127.0.0.1"
MAX_BODY_BYTES = 4096
TIMEOUT_S = 5.0


class HookError(CoachError):
    """A signal that could not be delivered or was refused; `code` and `values` are translated."""


class SignalInbox:
    """Signals from the hook's threads to the frame thread."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[str] = queue.SimpleQueue()

    def put(self, name: str) -> None:
        self._queue.put(name)

    def drain(self) -> list[str]:
        names = []
        while True:
            try:
                names.append(self._queue.get_nowait())
            except queue.Empty:
                return names


def check_signal(store, credential: str, staff_id: str, person: object) -> str:
    """The canonical id the signal is for, when `credential` (a workstation token or a login's
    session token) may record `person` and `person` is the coached `staff_id`; StoreError
    (AccessDenied, …) otherwise."""
    from coach.store.access import authenticate
    from coach.store.credentials import Author, token_author
    from coach.store.errors import AccessDenied
    from coach.store.identity import canonical_id

    if not credential:
        raise AccessDenied("security.need_identity")
    try:
        author = token_author(store, credential)
    except AccessDenied:
        user = authenticate(store, credential)
        author = Author("login", user.staff_id, user.role, user.team)
    wanted = author.check_may_record(store, canonical_id(person))
    if wanted != staff_id:
        raise AccessDenied("service.hook.other_person", staff_id=wanted, coached=staff_id)
    return wanted


class ServiceHook:
    """The loopback endpoint of one live session: `with ServiceHook(store, "alice", inbox.put, port)`."""

    def __init__(self, store, staff_id: str, on_signal: Callable[[str], None], port: int = 0):
        self.store, self.staff_id, self.on_signal = store, staff_id, on_signal
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server API)
                status, body = hook.handle(self.path, self.headers, self.rfile)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:  # no request log on the console
                return

        self._server = ThreadingHTTPServer((LOOPBACK, int(port)), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="coach-service-hook",
                                        daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> ServiceHook:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> ServiceHook:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def handle(self, path: str, headers, body) -> tuple[int, dict]:
        """One request: (HTTP status, JSON answer). Errors carry a code and values, never a trace."""
        from coach.store.errors import AccessDenied, StoreError

        if path != "/signal":
            return 404, {"code": "service.hook.not_found"}
        try:
            length = int(headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY_BYTES:
            return 400, {"code": "service.hook.bad_request"}
        try:
            request = json.loads(body.read(length).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return 400, {"code": "service.hook.bad_request"}
        if not isinstance(request, dict) or request.get("signal") not in SIGNALS:
            return 400, {"code": "service.hook.bad_signal", "values": {"choices": ", ".join(SIGNALS)}}
        auth = str(headers.get("Authorization") or "")
        credential = auth[len("Bearer "):].strip() if auth.startswith("Bearer ") else ""
        try:
            check_signal(self.store, credential, self.staff_id, request.get("person"))
        except AccessDenied as denied:
            return 403, {"code": denied.code, "values": _plain(denied.values)}
        except StoreError as problem:
            return 400, {"code": problem.code, "values": _plain(problem.values)}
        self.on_signal(request["signal"])
        return 200, {"ok": True, "signal": request["signal"]}


def _plain(values: dict) -> dict:
    return {key: str(value) for key, value in (values or {}).items()}


def send_signal(name: str, person: str, credential: str, port: int, timeout_s: float = TIMEOUT_S) -> dict:
    """POST one signal to the live coach on this machine; HookError when it is not listening or
    says no (its error code and values, for the caller to translate)."""
    import http.client

    body = json.dumps({"signal": name, "person": person}).encode()
    connection = http.client.HTTPConnection(LOOPBACK, int(port), timeout=timeout_s)
    try:
        connection.request("POST", "/signal", body, {"Content-Type": "application/json",
                                                     "Authorization": f"Bearer {credential}"})
        response = connection.getresponse()
        answer = json.loads(response.read().decode("utf-8") or "{}")
    except (OSError, ValueError):
        raise HookError("service.hook.not_listening", port=int(port)) from None
    finally:
        connection.close()
    if response.status != 200:
        values = answer.get("values") if isinstance(answer.get("values"), dict) else {}
        raise HookError(str(answer.get("code") or "service.hook.bad_request"), **values)
    return answer
